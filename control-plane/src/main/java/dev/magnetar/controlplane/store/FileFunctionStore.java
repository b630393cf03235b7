package dev.magnetar.controlplane.store;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.DocumentException;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each definition as {@code <root>/<tenant>/<namespace>/<name>.yaml}. Files are written
 * to a temporary file and moved into place, so a crash never leaves half a definition. Reads are
 * served from memory (the gateway looks functions up on every request); the files are read once,
 * when the store opens, and a file that cannot be read is logged and skipped.
 */
public final class FileFunctionStore implements FunctionStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileFunctionStore.class);
    private static final String SUFFIX = ".yaml";

    private final Path root;
    private final Map<FunctionRef, Function> functions = new ConcurrentHashMap<>();
    /**
     * The same definitions resolved, kept in step by every write: the gateway looks a function up
     * on each request, and copying the stored document (write + parse) there was its largest cost.
     */
    private final Map<FunctionRef, ResolvedFunction> resolved = new ConcurrentHashMap<>();

    public FileFunctionStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the function store directory " + this.root
                    + ": " + e.getMessage() + "; check magnetar.data-dir and its permissions", e);
        }
        load();
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<Function> get(FunctionRef ref) {
        return Optional.ofNullable(functions.get(ref)).map(FileFunctionStore::copy);
    }

    @Override
    public Optional<ResolvedFunction> resolve(FunctionRef ref) {
        return Optional.ofNullable(resolved.get(ref));
    }

    @Override
    public List<Function> list(String tenant, String namespace) {
        return functions.entrySet().stream()
                .filter(e -> e.getKey().tenant().equals(tenant) && e.getKey().namespace().equals(namespace))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(FunctionRef::name)))
                .map(e -> copy(e.getValue()))
                .toList();
    }

    @Override
    public List<Function> all() {
        return functions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(FunctionRef::fqfn)))
                .map(e -> copy(e.getValue()))
                .toList();
    }

    @Override
    public synchronized void put(Function function) {
        FunctionRef ref = FunctionRef.of(function);
        Path file = fileOf(ref);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + ref.name(), ".tmp");
            try {
                Files.writeString(temp, FunctionDocuments.toYaml(function));
                moveIntoPlace(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Function stored = copy(function);
        functions.put(ref, stored);
        cacheResolved(ref, stored);
    }

    @Override
    public synchronized boolean delete(FunctionRef ref) {
        Path file = fileOf(ref);
        try {
            boolean existed = Files.deleteIfExists(file);
            resolved.remove(ref);
            return functions.remove(ref) != null || existed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    Path fileOf(FunctionRef ref) {
        return root.resolve(ref.tenant()).resolve(ref.namespace()).resolve(ref.name() + SUFFIX);
    }

    private void load() {
        try (Stream<Path> files = Files.walk(root, 3)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && root.relativize(f).getNameCount() == 3)
                    .sorted()
                    .forEach(this::loadOne);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function store " + root + ": " + e.getMessage(), e);
        }
    }

    private void loadOne(Path file) {
        Path relative = root.relativize(file);
        String fileName = relative.getFileName().toString();
        FunctionRef ref = new FunctionRef(relative.getName(0).toString(), relative.getName(1).toString(),
                fileName.substring(0, fileName.length() - SUFFIX.length()));
        try {
            Function function = FunctionDocuments.read(file);
            FunctionRef declared = declaredRef(function);
            if (!ref.equals(declared)) {
                LOG.error("skipping {}: it declares function {} but its path says {}; move or fix the file",
                        file, declared, ref);
                return;
            }
            functions.put(ref, function);
            cacheResolved(ref, function);
        } catch (DocumentException e) {
            LOG.error("skipping a stored function that cannot be read ({}); fix or delete the file", e.getMessage());
        }
    }

    /** A definition that cannot be resolved (a hand-edited file) is stored but not routable. */
    private void cacheResolved(FunctionRef ref, Function function) {
        try {
            resolved.put(ref, ResolvedFunction.of(function));
        } catch (RuntimeException e) {
            resolved.remove(ref);
            LOG.warn("function {} is stored but cannot be resolved ({}); the gateway will not route to it until it is fixed",
                    ref.fqfn(), e.getMessage());
        }
    }

    private static FunctionRef declaredRef(Function function) {
        if (function.getMetadata() == null || function.getSpec() == null) {
            return new FunctionRef("?", "?", "?");
        }
        return FunctionRef.of(function);
    }

    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Callers get their own copy: a Function is mutable and must not change the stored one. */
    private static Function copy(Function function) {
        return FunctionDocuments.copy(function);
    }
}
