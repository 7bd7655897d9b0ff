package com.cumulus.provisioning.service.domain;

import com.cumulus.provisioning.service.domain.StateMachine.Decision;
import com.cumulus.provisioning.service.domain.StateMachine.Operation;
import com.cumulus.provisioning.service.domain.StateMachine.Step;
import org.junit.jupiter.api.Test;

import static com.cumulus.provisioning.service.domain.ServiceState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle rules, without Quarkus. */
class StateMachineTest {

    @Test
    void createGoesThroughProvisioningToRunning() {
        assertThat(StateMachine.next(STARTING, DESIRED_RUNNING, false)).isEqualTo(Step.move(STARTING, PROVISIONING));
        assertThat(StateMachine.next(PROVISIONING, DESIRED_RUNNING, false))
                .isEqualTo(Step.drive(PROVISIONING, Operation.PROVISION, RUNNING, FAILED));
        assertThat(StateMachine.next(RUNNING, DESIRED_RUNNING, true)).isNull();
    }

    @Test
    void startOfAProvisionedServiceCallsStart() {
        assertThat(StateMachine.next(STARTING, DESIRED_RUNNING, true))
                .isEqualTo(Step.drive(STARTING, Operation.START, RUNNING, FAILED));
    }

    @Test
    void stopAndTerminateFollowTheDesiredState() {
        assertThat(StateMachine.next(RUNNING, DESIRED_STOPPED, true)).isEqualTo(Step.move(RUNNING, STOPPING));
        assertThat(StateMachine.next(STOPPING, DESIRED_STOPPED, true))
                .isEqualTo(Step.drive(STOPPING, Operation.STOP, STOPPED, DEGRADED));
        assertThat(StateMachine.next(STOPPED, DESIRED_STOPPED, true)).isNull();
        assertThat(StateMachine.next(STOPPED, DESIRED_TERMINATED, true)).isEqualTo(Step.move(STOPPED, TERMINATING));
        assertThat(StateMachine.next(TERMINATING, DESIRED_TERMINATED, true))
                .isEqualTo(Step.drive(TERMINATING, Operation.TERMINATE, TERMINATED, FAILED));
        assertThat(StateMachine.next(TERMINATED, DESIRED_TERMINATED, true)).isNull();
        assertThat(StateMachine.next(IDLE, DESIRED_TERMINATED, true)).isEqualTo(Step.move(IDLE, STOPPING));
        assertThat(StateMachine.next(FAILED, DESIRED_TERMINATED, false)).isEqualTo(Step.move(FAILED, TERMINATING));
        assertThat(StateMachine.next(FAILED, DESIRED_RUNNING, false)).isNull();
    }

    @Test
    void apiDecisions() {
        assertThat(StateMachine.onStart(RUNNING)).isEqualTo(Decision.NO_OP);
        assertThat(StateMachine.onStart(PROVISIONING)).isEqualTo(Decision.NO_OP);
        assertThat(StateMachine.onStart(STOPPED)).isEqualTo(Decision.ACCEPT);
        assertThat(StateMachine.onStart(IDLE)).isEqualTo(Decision.ACCEPT);
        assertThat(StateMachine.onStart(STOPPING)).isEqualTo(Decision.CONFLICT);
        assertThat(StateMachine.onStart(TERMINATING)).isEqualTo(Decision.CONFLICT);
        assertThat(StateMachine.onStop(STOPPED)).isEqualTo(Decision.NO_OP);
        assertThat(StateMachine.onStop(RUNNING)).isEqualTo(Decision.ACCEPT);
        assertThat(StateMachine.onStop(STARTING)).isEqualTo(Decision.CONFLICT);
        assertThat(StateMachine.afterStop(FAILED, false)).isEqualTo(STOPPED);
        assertThat(StateMachine.afterStop(RUNNING, true)).isEqualTo(STOPPING);
        assertThat(StateMachine.canDelete(STOPPED)).isTrue();
        assertThat(StateMachine.canDelete(RUNNING)).isFalse();
    }

    @Test
    void aServiceAwaitingQuotaDoesNotStartAndAnExhaustedTerminateRestsInFailed() {
        assertThat(StateMachine.next(STARTING, DESIRED_RUNNING, false, true, false)).isNull();
        assertThat(StateMachine.next(STARTING, DESIRED_TERMINATED, false, true, false))
                .isEqualTo(Step.move(STARTING, TERMINATING));
        assertThat(StateMachine.next(STARTING, DESIRED_STOPPED, false, true, false))
                .isEqualTo(Step.move(STARTING, STOPPED));
        assertThat(StateMachine.next(STARTING, DESIRED_RUNNING, false, false, false))
                .isEqualTo(Step.move(STARTING, PROVISIONING));

        assertThat(StateMachine.next(FAILED, DESIRED_TERMINATED, true, false, true)).isNull();
        assertThat(StateMachine.next(FAILED, DESIRED_TERMINATED, true, false, false))
                .isEqualTo(Step.move(FAILED, TERMINATING));
        assertThat(StateMachine.next(TERMINATING, DESIRED_TERMINATED, true, false, false))
                .isEqualTo(Step.drive(TERMINATING, Operation.TERMINATE, TERMINATED, FAILED));
    }
}
