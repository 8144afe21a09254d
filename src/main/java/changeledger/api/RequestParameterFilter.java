package changeledger.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
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
 * does not declare. Methods that read {@link UriInfo} check their names themselves, through
 * {@link QueryParameters#requireKnown}.
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
            if (known != null) {
                problem = unknown(uri.getQueryParameters(), known);
            }
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

    /** The {@code @QueryParam} names of a method, or {@code null} when it reads {@link UriInfo} and checks itself. */
    private static Set<String> declaredQueryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            if (UriInfo.class.isAssignableFrom(parameter.getType())) {
                return null;
            }
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
        }
        return names;
    }
}
