package dev.magnetar.cli.tokens;

import com.nimbusds.jwt.SignedJWT;
import java.io.PrintWriter;
import java.text.ParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tokens show}: a token's header and claims, without checking its signature. */
@Command(name = "show", description = "Print a token's header and claims (its signature is not checked).",
        footer = {"", "Examples:",
                "  magnetar tokens show --token-file ~/.magnetar/data/auth/superuser.token"})
public final class ShowTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TokenInput input;

    @Override
    public Integer call() {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(input.read());
            PrintWriter out = spec.commandLine().getOut();
            out.println(jwt.getHeader().toString());
            out.println(jwt.getJWTClaimsSet().toString());
            out.flush();
        } catch (ParseException e) {
            // A token that does not parse may still be a secret: never echo it.
            throw TokenKeys.usage("the token is not a signed JWT (three base64url parts separated by dots)", e);
        }
        return 0;
    }
}
