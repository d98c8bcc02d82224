package dev.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreSettingsCheckTest {

    @Test
    void postgresWithoutAUrlNamesTheVariable() {
        assertThat(new StoreSettingsCheck(config(StoreConfig.Kind.POSTGRES, Optional.empty())).problem())
                .get().asString().contains("CALLBRIDGE_DB_URL").contains("CALLBRIDGE_STORE=postgres");
        assertThat(new StoreSettingsCheck(config(StoreConfig.Kind.POSTGRES, Optional.of(" "))).problem()).isPresent();
    }

    @Test
    void memoryNeedsNoUrlAndPostgresWithOneIsFine() {
        assertThat(new StoreSettingsCheck(config(StoreConfig.Kind.MEMORY, Optional.empty())).problem()).isEmpty();
        assertThat(new StoreSettingsCheck(config(StoreConfig.Kind.POSTGRES, Optional.of("postgresql://db:5432/cb")))
                .problem()).isEmpty();
    }

    static StoreConfig config(StoreConfig.Kind kind, Optional<String> url) {
        return new StoreConfig() {
            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public Db db() {
                return new Db() {
                    @Override
                    public Optional<String> url() {
                        return url;
                    }

                    @Override
                    public Optional<String> user() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> password() {
                        return Optional.empty();
                    }

                    @Override
                    public int poolSize() {
                        return 10;
                    }
                };
            }

            @Override
            public Duration purgeInterval() {
                return Duration.ofMinutes(10);
            }
        };
    }
}
