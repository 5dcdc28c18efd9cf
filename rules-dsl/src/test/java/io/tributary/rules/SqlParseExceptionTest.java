package io.tributary.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The message format clients display, and the version identifiers. */
class SqlParseExceptionTest {

  @Test
  void messageNamesLineColumnAndToken() {
    SqlParseException e = catchThrowableOfType(SqlParseException.class,
        () -> RuleSql.compile("SELECT FROM 't'", SqlVersion.V2016_03_23));
    assertThat(e.getMessage()).isEqualTo("Line 1:8: Expected an expression but found 'FROM'");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(8);
    assertThat(e.token()).isEqualTo("FROM");
    assertThat(e.detail()).isEqualTo("Expected an expression but found 'FROM'");
    assertThat(SqlParseException.ERROR_CODE).isEqualTo("SqlParseException");
  }

  @Test
  void versionsParseFromTheirIdentifiers() {
    assertThat(SqlVersion.fromId("2016-03-23")).contains(SqlVersion.V2016_03_23);
    assertThat(SqlVersion.fromId("2015-10-08")).contains(SqlVersion.V2015_10_08);
    assertThat(SqlVersion.fromId("beta")).contains(SqlVersion.V2016_03_23);
    assertThat(SqlVersion.fromId("2020-01-01")).isEmpty();
    assertThat(SqlVersion.DEFAULT).isEqualTo(SqlVersion.V2015_10_08);
  }
}
