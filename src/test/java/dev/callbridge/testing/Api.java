package dev.callbridge.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Shorthands for calling Callbridge's API in tests. */
public final class Api {

    /** A key accepted by the test profile ({@code %test.callbridge.api-keys}). */
    public static final String KEY = "test-key-1";

    private Api() {
    }

    /** A JSON request carrying a valid API key. */
    public static RequestSpecification api() {
        return given().header("X-API-Key", KEY).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}
