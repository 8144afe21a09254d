package changeledger.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service's endpoints, read once from the resources' annotations: their methods and the media types they take,
 * so a 405 or 415 can name what to send, which the framework's own messages do not.
 */
@ApplicationScoped
public class Endpoints {

    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}]*}");

    /** One endpoint: its HTTP method, its path as a pattern, and the media types it takes. */
    record Endpoint(String method, Pattern path, List<String> types) {
    }

    private final BeanManager beans;
    private volatile List<Endpoint> endpoints;

    /** Reads the resources from the bean container. */
    public Endpoints(BeanManager beans) {
        this.beans = beans;
    }

    /** The HTTP methods some endpoint at {@code path} takes. */
    public Set<String> methods(String path) {
        Set<String> methods = new java.util.TreeSet<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.path().matcher(path).matches()) {
                methods.add(endpoint.method());
            }
        }
        return methods;
    }

    /** The media types the endpoint at {@code method path} takes; empty when it names none or is unknown. */
    public Set<String> consumes(String method, String path) {
        Set<String> types = new LinkedHashSet<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.method().equalsIgnoreCase(method) && endpoint.path().matcher(path).matches()) {
                types.addAll(endpoint.types());
            }
        }
        return types;
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> known = endpoints;
        if (known == null) {
            known = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path root = bean.getBeanClass().getAnnotation(Path.class);
                if (root != null) {
                    known.addAll(endpoints(bean.getBeanClass(), root.value()));
                }
            }
            endpoints = List.copyOf(known);
        }
        return known;
    }

    static List<Endpoint> endpoints(Class<?> resource, String root) {
        List<Endpoint> found = new ArrayList<>();
        Consumes classConsumes = resource.getAnnotation(Consumes.class);
        for (Method method : resource.getDeclaredMethods()) {
            String httpMethod = httpMethod(method);
            if (httpMethod == null) {
                continue;
            }
            Consumes consumes = method.getAnnotation(Consumes.class);
            consumes = consumes != null ? consumes : classConsumes;
            Path sub = method.getAnnotation(Path.class);
            String path = join(root, sub == null ? "" : sub.value());
            found.add(new Endpoint(httpMethod, pattern(path), consumes == null ? List.of()
                    : Arrays.asList(consumes.value())));
        }
        return found;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = "/" + root + "/" + sub;
        path = path.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static Pattern pattern(String path) {
        StringBuilder regex = new StringBuilder();
        int last = 0;
        var matcher = TEMPLATE.matcher(path);
        while (matcher.find()) {
            regex.append(Pattern.quote(path.substring(last, matcher.start()))).append("[^/]+");
            last = matcher.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
