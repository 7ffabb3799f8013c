package dev.tensile.plugin;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Keeps plugin code from ending the program. {@link PluginClassLoader} passes every class of a plugin jar through
 * {@link #rewrite} before defining it: each direct call of {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt} becomes a call of the static methods below, which throw {@link PluginExitBlocked} naming the
 * jar instead. The operand stack is the same before and after each replaced call, so no frame is recomputed.
 *
 * <p>This replaces the SecurityManager (deprecated on 17, unusable from 24). It sees only direct calls in the
 * jar's own classes: an exit reached through reflection, a method handle, JNI, or a library class loaded from the
 * framework's class path is not intercepted (the README's reliability section says so).
 */
public final class ExitCalls {
    private static final String SELF = ExitCalls.class.getName().replace('.', '/');

    private ExitCalls() {
    }

    /** The class file with its exit calls redirected; the input itself when it has none. */
    static byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, desc, sig, exceptions)) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String method, String d, boolean itf) {
                        String target = target(op, owner, method, d);
                        if (target == null) {
                            super.visitMethodInsn(op, owner, method, d, itf);
                        } else {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, target,
                                    op == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
                        }
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classFile;
    }

    private static String target(int op, String owner, String method, String desc) {
        if (!"(I)V".equals(desc)) {
            return null;
        }
        if (op == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && method.equals("exit")) {
            return "systemExit";
        }
        if (op == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                && (method.equals("exit") || method.equals("halt"))) {
            return method.equals("exit") ? "runtimeExit" : "runtimeHalt";
        }
        return null;
    }

    /** Stands in for {@code System.exit(status)} in plugin code. */
    public static void systemExit(int status) {
        throw blocked("System.exit(" + status + ")");
    }

    /** Stands in for {@code Runtime.getRuntime().exit(status)} in plugin code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw blocked("Runtime.exit(" + status + ")");
    }

    /** Stands in for {@code Runtime.getRuntime().halt(status)} in plugin code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw blocked("Runtime.halt(" + status + ")");
    }

    private static PluginExitBlocked blocked(String call) {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(
                s -> s.map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c != ExitCalls.class).findFirst())
                .orElse(ExitCalls.class);
        String where = caller.getClassLoader() instanceof PluginClassLoader p ? "plugin jar " + p.jar() : "plugin code";
        return new PluginExitBlocked(caller.getName() + " (" + where + ") called " + call + "; blocked");
    }
}
