package cn.landreserve.workflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Records which flow nodes were entered and which sequence flows were taken, in any test that runs the engine
 * with this plugin; writes a report comparing them with the model.
 */
public final class ModelCoverage extends AbstractProcessEnginePlugin {

    private static final Set<String> NODES = new ConcurrentSkipListSet<>();
    private static final Set<String> FLOWS = new ConcurrentSkipListSet<>();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
                transition.addListener(ExecutionListener.EVENTNAME_TAKE, execution -> FLOWS.add(transition.getId()));
            }

            @Override
            public void parseRootElement(Element rootElement, java.util.List<org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity> definitions) {
                for (var definition : definitions) {
                    record(definition.getActivities());
                }
            }

            private void record(java.util.List<ActivityImpl> activities) {
                for (ActivityImpl activity : activities) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, execution -> NODES.add(activity.getId()));
                    record(activity.getActivities());
                }
            }
        });
    }

    public static Set<String> missedNodes(BpmnModelInstance model) {
        Set<String> all = new TreeSet<>();
        model.getModelElementsByType(FlowNode.class).forEach(n -> all.add(n.getId()));
        all.removeAll(NODES);
        return all;
    }

    public static Set<String> missedFlows(BpmnModelInstance model) {
        Set<String> all = new TreeSet<>();
        model.getModelElementsByType(SequenceFlow.class).forEach(f -> all.add(f.getId()));
        all.removeAll(FLOWS);
        return all;
    }

    /** Writes target/process-coverage.txt: totals and what was missed. */
    public static Path report(BpmnModelInstance model) throws IOException {
        int nodes = model.getModelElementsByType(FlowNode.class).size();
        int flows = model.getModelElementsByType(SequenceFlow.class).size();
        Set<String> missedNodes = missedNodes(model);
        Set<String> missedFlows = missedFlows(model);
        String report = """
                Process model coverage: %s
                flow nodes:     %d of %d covered
                sequence flows: %d of %d covered
                missed nodes:   %s
                missed flows:   %s
                """.formatted(model.getDefinitions().getRootElements().iterator().next().getId(),
                nodes - missedNodes.size(), nodes, flows - missedFlows.size(), flows, missedNodes, missedFlows);
        Path out = Path.of("target", "process-coverage.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        return out;
    }
}
