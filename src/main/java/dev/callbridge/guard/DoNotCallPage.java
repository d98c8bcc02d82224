package dev.callbridge.guard;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the do-not-call list, in number order. */
@RegisterForReflection
@Schema(name = "DoNotCallPage", description = "One page of the do-not-call list, in number order.")
public record DoNotCallPage(
        @Schema(required = true) List<DoNotCallEntry> results,
        @Schema(nullable = true, description = "Cursor of the following page (`?cursor=`); null on the last page")
        String next) {
}
