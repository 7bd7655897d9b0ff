package com.cumulus.gateway.routing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation of ../shared/seed-operations.txt is routed to the owner api-map.md names. */
class RouteTableTest {

    @Test
    void everySeedOperationReachesItsOwner() throws IOException {
        Path operations = Path.of("src/main/resources/operations.txt");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(operations)) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 4 || line.startsWith("#")) {
                continue;
            }
            String method = cols[1];
            String path = cols[2].replaceAll("\\{[^}]*}", "x1");
            String owner = cols[3].toUpperCase();
            Optional<Upstream> routed = RouteTable.resolve(method, path);
            checked++;
            if (routed.isEmpty() || !routed.get().name().equals(owner)) {
                wrong.add(method + " " + cols[2] + " -> " + routed.map(Enum::name).orElse("none") + ", owner " + owner);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(205);
        assertThat(wrong).isEmpty();
    }

    @Test
    void unknownPathsHaveNoRoute() {
        assertThat(RouteTable.resolve("GET", "/nope")).isEmpty();
    }
}
