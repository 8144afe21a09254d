package changeledger.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every request's query and path parameters before the resource sees them: a value with a control
 * character or a lone surrogate is a 400 naming the parameter, and so is a query parameter the resource method
 * does not declare (as {@code @QueryParam}, or inside a {@code @BeanParam}) or one given more than once. Resources
 * declare every query parameter, so {@code /q/openapi} lists them all.
 */
@Provider
public class RequestParameterFilter implements ContainerRequestFilter {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        String problem = check("path parameter", uri.getPathParameters());
        if (problem == null) {
            problem = check("query parameter", uri.getQueryParameters());
        }
        Method method = resource == null ? null : resource.getResourceMethod();
        if (problem == null && method != null) {
            Set<String> known = declared.computeIfAbsent(method, RequestParameterFilter::declaredQueryParameters);
            problem = unknown(uri.getQueryParameters(), known);
        }
        if (problem != null) {
            request.abortWith(Problem.of(Response.Status.BAD_REQUEST, problem).at(uri.getPath()).toResponse());
        }
    }

    private static String check(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String nameProblem = StrictText.problem(parameter.getKey());
            if (nameProblem != null) {
                return "The name of a " + kind + " " + nameProblem + ".";
            }
            for (String value : parameter.getValue()) {
                String problem = StrictText.problem(value);
                if (problem != null) {
                    return "The " + kind + " '" + parameter.getKey() + "' " + problem + ".";
                }
            }
        }
        return null;
    }

    private static String unknown(MultivaluedMap<String, String> parameters, Set<String> known) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!known.contains(parameter.getKey())) {
                return "Unknown query parameter '" + parameter.getKey() + "'. This endpoint takes "
                        + (known.isEmpty() ? "none" : known.toString()) + ".";
            }
            if (parameter.getValue().size() > 1) {
                return "Query parameter '" + parameter.getKey() + "' is given " + parameter.getValue().size()
                        + " times; give it once.";
            }
        }
        return null;
    }

    /** The {@code @QueryParam} names of a method: of its parameters and of the fields of its {@code @BeanParam}s. */
    private static Set<String> declaredQueryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                addFields(parameter.getType(), names);
            }
        }
        return names;
    }

    private static void addFields(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                QueryParam query = field.getAnnotation(QueryParam.class);
                if (query != null) {
                    names.add(query.value());
                }
                if (field.isAnnotationPresent(BeanParam.class)) {
                    addFields(field.getType(), names);
                }
            }
        }
    }
}
