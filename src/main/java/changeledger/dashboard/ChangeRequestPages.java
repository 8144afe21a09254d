package changeledger.dashboard;

import changeledger.api.TimeConfig;
import changeledger.changerequest.ChangeRequestConfig;
import changeledger.changerequest.ChangeRequestStatus;
import changeledger.changerequest.ChangeRequestView;
import changeledger.changerequest.Risk;
import changeledger.changerequest.rest.Bodies;
import changeledger.changerequest.rest.ChangeRequestResource;
import changeledger.domain.ProblemException;
import changeledger.host.HostResource;
import changeledger.host.HostView;
import changeledger.security.Role;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Change requests: the list with a submit form, and a request's page with its history, linked changes and the
 * workflow buttons the key's role and the request's status allow. Every step goes through the API's resource.
 */
@Path("/change-requests")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ChangeRequestPages {

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance requests(Page page, List<ChangeRequestView> items, List<HostView> hosts,
                                                List<String> statuses, String host, String status, String submitted);

        static native TemplateInstance request(Page page, ChangeRequestView request, Steps steps);
    }

    private final Pages pages;
    private final ChangeRequestResource requests;
    private final HostResource hosts;
    private final TimeConfig time;
    private final ChangeRequestConfig config;
    private final ObjectMapper mapper;

    /** Wires the pages to the API's resources. */
    public ChangeRequestPages(Pages pages, ChangeRequestResource requests, HostResource hosts, TimeConfig time,
                              ChangeRequestConfig config, ObjectMapper mapper) {
        this.pages = pages;
        this.requests = requests;
        this.hosts = hosts;
        this.time = time;
        this.config = config;
        this.mapper = mapper;
    }

    /** The list, filtered by host and status. */
    @GET
    public TemplateInstance list(@QueryParam("host") String host, @QueryParam("status") String status,
                                 @QueryParam("submitted") String submitted) {
        Page page = pages.page("Change requests", "requests");
        List<ChangeRequestView> items = requests.list(ApiQuery.value(host), ApiQuery.value(status), null, null)
                .items();
        List<String> statuses = java.util.Arrays.stream(ChangeRequestStatus.values())
                .map(ChangeRequestStatus::wireName).toList();
        return Templates.requests(page, items, hosts.list().items(), statuses,
                host == null ? "" : host, status == null ? "" : status, submitted);
    }

    /** Submits a request and shows it in the list. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@RestForm("_csrf") String csrf, @RestForm String hostId, @RestForm String target,
                           @RestForm String title, @RestForm String description, @RestForm String plannedStart,
                           @RestForm String plannedEnd, @RestForm String risk, @RestForm String rollbackPlan) {
        pages.form(csrf);
        pages.require(Role.SUBMIT);
        Risk parsed;
        try {
            parsed = risk == null || risk.isBlank() ? null : mapper.convertValue(risk, Risk.class);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Field 'risk' must be low, medium or high.");
        }
        Response created = requests.submit(new Bodies.SubmitBody(hostId, target, title, description,
                FormTimes.instant(plannedStart, time.timeZone()), FormTimes.instant(plannedEnd, time.timeZone()),
                parsed, rollbackPlan));
        ChangeRequestView view = (ChangeRequestView) created.getEntity();
        return Response.seeOther(URI.create("/change-requests?submitted=" + view.id())).build();
    }

    /** One request. */
    @GET
    @Path("/{id}")
    public TemplateInstance request(@PathParam("id") String id) {
        Page page = pages.page("Change request", "requests");
        ChangeRequestView request = requests.get(id);
        return Templates.request(page, request, Steps.of(request, pages.caller(), config.allowSelfApproval()));
    }

    /** A workflow step; what the key may not do is refused by the API's resource as it would be over HTTP. */
    @POST
    @Path("/{id}/{step}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response step(@PathParam("id") String id, @PathParam("step") String step, @RestForm("_csrf") String csrf,
                         @RestForm String comment, @RestForm String outcome, @RestForm String note,
                         @RestForm String plannedStart, @RestForm String plannedEnd) throws JsonProcessingException {
        pages.form(csrf);
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "comment", comment);
        switch (step) {
            case "approve", "reject" -> {
                pages.require(Role.APPROVE);
                String raw = mapper.writeValueAsString(body);
                if (step.equals("approve")) {
                    requests.approve(id, ApiHeaders.JSON, raw);
                } else {
                    requests.reject(id, ApiHeaders.JSON, raw);
                }
            }
            case "start", "cancel" -> {
                pages.require(Role.SUBMIT);
                String raw = mapper.writeValueAsString(body);
                if (step.equals("start")) {
                    requests.start(id, ApiHeaders.JSON, raw);
                } else {
                    requests.cancel(id, ApiHeaders.JSON, raw);
                }
            }
            case "complete" -> {
                pages.require(Role.SUBMIT);
                Map<String, Object> completion = new LinkedHashMap<>();
                put(completion, "outcome", outcome);
                put(completion, "note", note);
                requests.complete(id, ApiHeaders.JSON, mapper.writeValueAsString(completion));
            }
            case "reschedule" -> {
                pages.require(Role.SUBMIT);
                put(body, "plannedStart", FormTimes.instant(plannedStart, time.timeZone()));
                put(body, "plannedEnd", FormTimes.instant(plannedEnd, time.timeZone()));
                requests.reschedule(id, ApiHeaders.JSON, mapper.writeValueAsString(body));
            }
            default -> throw new NotFoundException();
        }
        return Response.seeOther(URI.create("/change-requests/" + id)).build();
    }

    private static void put(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value);
        }
    }
}
