package io.tributary.core.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The smallest value a numeric configuration key accepts. The server's configuration loader
 * refuses a smaller value with an error naming the key and where it came from.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Minimum {
  long value();
}
