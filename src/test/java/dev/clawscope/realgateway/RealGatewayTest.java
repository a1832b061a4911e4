package dev.clawscope.realgateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class that runs against one real OpenClaw gateway of its own (see {@link RealGatewayExtension}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-gateway")
@ExtendWith(RealGatewayExtension.class)
public @interface RealGatewayTest {
}
