package cn.landreserve.workflow.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every JSON request body is checked before it is bound, whatever type it binds to:
 * <ul>
 * <li>it is UTF-8 (RFC 8259), strictly: an overlong or otherwise malformed sequence is refused
 * ({@code 400 MALFORMED_REQUEST}), not decoded into a character the client never sent (Jackson reads the
 * overlong {@code C0 AF} as "/");
 * <li>no object names a key twice ({@code 400 DUPLICATE_KEY}): {@code {"opinion":"a","opinion":"b"}} has no one
 * meaning, and "the last one wins" would record what the client may not have meant.
 * </ul>
 */
@ControllerAdvice
class JsonBodies extends RequestBodyAdviceAdapter {

    private final JsonFactory json;

    JsonBodies(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    /** A body refused before binding: its code, and the details that locate the problem. */
    static final class BodyRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final transient Map<String, Object> details;

        BodyRefusedException(String code, String message, Map<String, Object> details) {
            super(message);
            this.code = code;
            this.details = Map.copyOf(details);
        }

        String code() {
            return code;
        }

        Map<String, Object> details() {
            return details;
        }
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        requireUtf8(body);
        requireUniqueKeys(body);
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new BodyRefusedException("MALFORMED_REQUEST", "the body is not valid UTF-8", Map.of());
        }
    }

    /** Throws on the first key repeated within one object; a body that is not even JSON is left to the binder. */
    void requireUniqueKeys(byte[] body) throws IOException {
        Deque<Set<String>> objects = new ArrayDeque<>();
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT -> objects.push(new HashSet<>());
                    case END_OBJECT -> objects.pop();
                    case FIELD_NAME -> {
                        if (!objects.peek().add(parser.currentName())) {
                            String at = parser.getParsingContext().pathAsPointer().toString();
                            throw new BodyRefusedException("DUPLICATE_KEY", "the key \"" + parser.currentName()
                                    + "\" appears twice in one object (at " + at + "); send it once",
                                    Map.of("key", parser.currentName(), "at", at));
                        }
                    }
                    default -> { }
                }
            }
        } catch (JsonProcessingException notJson) {
            // malformed JSON: the message converter refuses it with its own, precise complaint
        }
    }
}
