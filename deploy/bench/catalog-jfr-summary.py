#!/usr/bin/env python3
"""Summarises a JFR recording of catalog-service: where its CPU samples were spent, by area.

Each execution sample is charged to one area: walking its stack from the top, the first frame that belongs to an
area below decides (plain JDK frames such as java.util.* are skipped, so a HashMap lookup made by Hibernate counts as
Hibernate). Also prints the hottest top-of-stack methods.
Usage: jfr print --events jdk.ExecutionSample --stack-depth 200 rec.jfr | deploy/bench/catalog-jfr-summary.py -
"""
import collections
import re
import sys

AREAS = [
    ("ES256 signature check (sun.security.ec, P-256 arithmetic)", r"sun\.security\.(ec|util\.math)"),
    ("SHA-256 (MessageDigest)", r"sun\.security\.provider|java\.security\.MessageDigest"),
    ("JWT parsing (jose4j, smallrye-jwt)", r"org\.jose4j|io\.smallrye\.jwt"),
    ("authentication (quarkus-oidc, quarkus-security)", r"io\.quarkus\.oidc|io\.quarkus\.security|runtime\.security"),
    ("Hibernate Reactive / ORM", r"org\.hibernate"),
    ("PostgreSQL client (Vert.x)", r"io\.vertx\.pgclient|io\.vertx\.sqlclient"),
    ("Jackson (JSON/YAML)", r"com\.fasterxml\.jackson|org\.yaml"),
    ("catalog / common code", r"com\.cumulus"),
    ("Kafka client", r"org\.apache\.kafka|io\.smallrye\.reactive\.messaging"),
    ("REST layer (RESTEasy Reactive, Vert.x Web)", r"org\.jboss\.resteasy|io\.quarkus\.resteasy|io\.vertx\.ext\.web|io\.quarkus\.vertx\.http"),
    ("Mutiny / context propagation / CDI", r"io\.smallrye\.mutiny|io\.smallrye\.context|io\.quarkus\.arc"),
    ("Netty / Vert.x core (HTTP, sockets)", r"io\.netty|io\.vertx\.core"),
]
COMPILED = [(name, re.compile(rx)) for name, rx in AREAS]

stacks, current = [], None
for line in (sys.stdin if sys.argv[1:] == ["-"] or not sys.argv[1:] else open(sys.argv[1])):
    if "stackTrace = [" in line:
        current = []
    elif current is not None and line.strip().startswith("]"):
        stacks.append(current)
        current = None
    elif current is not None and line.strip() and line.strip() != "...":
        current.append(line.strip().split(" line:")[0])

areas, tops = collections.Counter(), collections.Counter()
for frames in stacks:
    if frames:
        tops[frames[0]] += 1
    area = "other (JDK, JIT-compiled glue)"
    for frame in frames:
        hit = next((name for name, rx in COMPILED if rx.match(frame)), None)
        if hit:
            area = hit
            break
    areas[area] += 1
total = max(len(stacks), 1)
print(f"{len(stacks)} samples")
for name, n in areas.most_common():
    print(f"  {100 * n / total:5.1f}%  {name}")
print("  hottest methods (top of stack):")
for frame, n in tops.most_common(5):
    print(f"  {100 * n / total:5.1f}%    {frame}")
