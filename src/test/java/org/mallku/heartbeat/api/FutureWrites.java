package org.mallku.heartbeat.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Write endpoints that exist only in tests, standing for the ones a later version adds: they must need the token
 * without anyone remembering to say so.
 */
@Path("/testing/future-writes")
public class FutureWrites {

    @POST
    @Operation(hidden = true)
    public void post() {
    }

    @PUT
    @Operation(hidden = true)
    public void put() {
    }

    @PATCH
    @Operation(hidden = true)
    public void patch() {
    }

    @DELETE
    @Operation(hidden = true)
    public void delete() {
    }
}
