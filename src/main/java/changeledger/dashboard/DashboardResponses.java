package changeledger.dashboard;

import changeledger.api.Problem;
import changeledger.dashboard.session.SessionAuthenticationMechanism;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Dashboard responses: a problem the API's mappers made becomes an HTML page (a 401 sends the browser to sign in),
 * and every page gets headers that keep it from being framed, sniffed, cached or fed foreign scripts.
 */
public class DashboardResponses {

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** No live session: to the sign-in page. */
    @ServerExceptionMapper
    public Response signIn(SignInRequiredException e) {
        return Response.seeOther(URI.create("/sign-in")).header("Cache-Control", "no-store").build();
    }

    /** Runs after the dashboard's resources and the problem mappers. */
    @ServerResponseFilter
    public void dashboard(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!SessionAuthenticationMechanism.dashboardPath(path) || path.startsWith("/static/")) {
            return;
        }
        if (response.getEntity() instanceof Map<?, ?> body && isProblem(response.getMediaType())) {
            Object title = body.get("title");
            Object detail = body.get("detail");
            String html = Templates.error(response.getStatus(), title == null ? "Error" : title.toString(),
                    detail == null ? "" : detail.toString()).render();
            response.setEntity(html, new Annotation[0], MediaType.valueOf("text/html; charset=utf-8"));
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putIfAbsent("Content-Security-Policy", java.util.List.of(POLICY));
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        headers.putSingle("Cache-Control", "no-store");
    }

    private static boolean isProblem(MediaType type) {
        return type != null && Problem.MEDIA.isCompatible(type);
    }
}
