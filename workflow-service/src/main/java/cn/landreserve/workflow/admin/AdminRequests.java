package cn.landreserve.workflow.admin;

import cn.landreserve.workflow.security.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** Who is acting in this request and from which address, for the administrators' log. */
@Component
class AdminRequests {

    private final CurrentActor currentActor;

    AdminRequests(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    Accounts.By by(HttpServletRequest request) {
        return new Accounts.By(currentActor.require(), String.valueOf(request.getRemoteAddr()));
    }
}
