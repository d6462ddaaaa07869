package cn.landreserve.workflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Every setting is one component of {@link ReserveProperties} (its default stated there, once); this walks the record
 * so that a new setting cannot be added without the README's configuration saying what it is.
 */
@Timeout(30)
class SettingsDocumentedTest {

    @Test
    void every_typed_setting_is_named_in_the_readme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> settings = new ArrayList<>();
        collect("reserve", ReserveProperties.class, settings);

        assertThat(settings).hasSizeGreaterThan(40).contains("reserve.public.url", "reserve.workflow.review-deadline",
                "reserve.ledger.group-commit.max-wait");
        assertThat(settings.stream().filter(setting -> !readme.contains("`" + setting + "`")))
                .as("settings the README's configuration does not name").isEmpty();
    }

    private static void collect(String prefix, Class<?> record, List<String> into) {
        RecordComponent[] components = record.getRecordComponents();
        Parameter[] parameters;
        try {
            parameters = record.getDeclaredConstructor(
                    java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                    .getParameters();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(record + " has no canonical constructor", e);
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Name renamed = parameters[i].getAnnotation(Name.class); // @Name goes to the constructor's parameter
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(component.getName()));
            if (component.getType().isRecord() && component.getType().getEnclosingClass() == ReserveProperties.class) {
                collect(name, component.getType(), into);
            } else {
                into.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
