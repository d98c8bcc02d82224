package dev.callbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads compiled classes the way native-image links them: the classes named by their code
 * (super types, field and method signatures, instructions, exception handlers), not by their
 * annotations, which are not linked. Names are internal ({@code com/twilio/rest/...}).
 */
public final class ByteCode {

    /** What one method's code does, as far as the tests need it ({@code <clinit>}: static initialiser). */
    public record MethodUse(String name, Set<String> invoked, Set<String> classConstants) {

        /** True when the method calls {@code owner.name} (owner internal name). */
        public boolean invokes(String owner, String name) {
            return invoked.contains(owner + "." + name);
        }
    }

    /** One class: every class its code names, and what each of its methods does. */
    public record ClassUse(String name, Set<String> references, List<MethodUse> methods) {
    }

    private ByteCode() {
    }

    /** The class from the test's class path, or empty when it is not there. */
    public static Optional<ClassUse> read(String internalName) {
        try (InputStream in = ByteCode.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in == null ? Optional.empty() : Optional.of(read(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the class file is on the test's class path. */
    public static boolean present(String internalName) {
        return ByteCode.class.getClassLoader().getResource(internalName + ".class") != null;
    }

    /** Every class compiled from {@code src/main/java}, read from the build's output folder. */
    public static List<ClassUse> mainClasses(Class<?> anyMainClass) {
        try (Stream<Path> files = Files.walk(root(anyMainClass))) {
            return files.filter(f -> f.toString().endsWith(".class")).map(ByteCode::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root(Class<?> anyMainClass) {
        try {
            return Paths.get(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClassUse read(Path file) {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassUse read(byte[] bytes) {
        Collector collector = new Collector();
        new ClassReader(bytes).accept(collector, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassUse(collector.name, collector.references, collector.methods);
    }

    /** Gathers class names from everything but annotations. */
    private static final class Collector extends ClassVisitor {

        private String name;
        private final Set<String> references = new HashSet<>();
        private final List<MethodUse> methods = new ArrayList<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = name;
            addName(superName);
            for (String i : interfaces) {
                addName(i);
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            addType(Type.getType(descriptor));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            addType(Type.getMethodType(descriptor));
            if (exceptions != null) {
                for (String e : exceptions) {
                    addName(e);
                }
            }
            MethodUse use = new MethodUse(name, new HashSet<>(), new HashSet<>());
            methods.add(use);
            return new Code(use);
        }

        private void addName(String internalName) {
            if (internalName != null) {
                addType(Type.getObjectType(internalName));
            }
        }

        private void addType(Type type) {
            switch (type.getSort()) {
                case Type.ARRAY -> addType(type.getElementType());
                case Type.OBJECT -> references.add(type.getInternalName());
                case Type.METHOD -> {
                    addType(type.getReturnType());
                    for (Type argument : type.getArgumentTypes()) {
                        addType(argument);
                    }
                }
                default -> {
                }
            }
        }

        /** Instructions and exception handlers of one method. */
        private final class Code extends MethodVisitor {

            private final MethodUse use;

            Code(MethodUse use) {
                super(Opcodes.ASM9);
                this.use = use;
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                addName(type);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                addName(owner);
                addType(Type.getType(descriptor));
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
                addName(owner);
                addType(Type.getMethodType(descriptor));
                use.invoked().add(owner + "." + name);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
                addType(Type.getMethodType(descriptor));
                for (Object arg : args) {
                    if (arg instanceof Handle handle) {
                        addName(handle.getOwner());
                        use.invoked().add(handle.getOwner() + "." + handle.getName());
                    }
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                    addType(type);
                    use.classConstants().add(type.getInternalName());
                }
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                addType(Type.getType(descriptor));
            }

            @Override
            public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                    org.objectweb.asm.Label handler, String type) {
                addName(type);
            }
        }
    }
}
