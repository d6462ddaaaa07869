package cn.landreserve.workflow.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /login} and {@code GET /logout} (where a browser lands when it is sent to sign in, or types the
 * address) open the web UI's own sign-in and sign-out pages, in Chinese first, instead of Spring's English
 * defaults. Signing in and out themselves are {@code POST /login} and {@code POST /logout}.
 */
@RestController
class SignInPages {

    @GetMapping("/login")
    ResponseEntity<Void> login() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/#/login").build();
    }

    @GetMapping("/logout")
    ResponseEntity<Void> logout() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/#/logout").build();
    }
}
