package io.github.componentharness.internal.local;

import io.github.componentharness.Fault;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which instances of a spec one JVM hosts, in process mode, and the ports the coordinator
 * allocated to every instance, hosted here or not, so components find their peers.
 *
 * @param process the name of this JVM's process: a declared process group, or an instance name
 * @param hosted the instance names this JVM runs
 * @param ports every instance's ports, by instance name, then port name
 * @param faults the network faults in force as this JVM starts, so its links start with them
 */
public record Placement(String process, Set<String> hosted, Map<String, Map<String, Integer>> ports, List<Fault> faults) {

    public Placement {
        hosted = Set.copyOf(hosted);
        ports = Map.copyOf(ports);
        faults = List.copyOf(faults);
    }
}
