package io.github.componentharness.internal.local;

import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a class's calls of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}
 * (direct calls and method references) into calls of {@link InstanceExits}. Nothing else changes:
 * the replacements take the same operands, so the stack map frames stay valid.
 */
final class ExitRedirect {

    private static final String TARGET = Type.getInternalName(InstanceExits.class);
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String EXIT_DESC = "(I)V";
    private static final String RUNTIME_EXIT_DESC = "(Ljava/lang/Runtime;I)V";
    private static final byte[] EXIT = "exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALT = "halt".getBytes(StandardCharsets.US_ASCII);

    private ExitRedirect() {
    }

    /**
     * A cheap first look: a class whose constant pool has neither {@code exit} nor {@code halt}
     * cannot call them, and most classes are passed on untouched without being parsed.
     */
    static boolean mayExit(byte[] bytes) {
        return contains(bytes, EXIT) || contains(bytes, HALT);
    }

    /** The rewritten class, or {@code null} when it calls none of them. */
    static byte[] rewrite(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals(SYSTEM) && method.equals("exit") && desc.equals(EXIT_DESC)) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, TARGET, "exit", EXIT_DESC, false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(RUNTIME)
                                && (method.equals("exit") || method.equals("halt")) && desc.equals(EXIT_DESC)) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, TARGET, method, RUNTIME_EXIT_DESC, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
                        Object[] redirected = arguments.clone();
                        for (int i = 0; i < redirected.length; i++) {
                            if (redirected[i] instanceof Handle) {
                                Handle replacement = redirect((Handle) redirected[i]);
                                if (replacement != null) {
                                    changed[0] = true;
                                    redirected[i] = replacement;
                                }
                            }
                        }
                        super.visitInvokeDynamicInsn(name, desc, bootstrap, redirected);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        Handle replacement = value instanceof Handle ? redirect((Handle) value) : null;
                        if (replacement != null) {
                            changed[0] = true;
                        }
                        super.visitLdcInsn(replacement != null ? replacement : value);
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** {@code System::exit} and {@code Runtime::exit} as method references. */
    private static Handle redirect(Handle h) {
        if (h.getTag() == Opcodes.H_INVOKESTATIC && h.getOwner().equals(SYSTEM) && h.getName().equals("exit")
                && h.getDesc().equals(EXIT_DESC)) {
            return new Handle(Opcodes.H_INVOKESTATIC, TARGET, "exit", EXIT_DESC, false);
        }
        if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && h.getOwner().equals(RUNTIME)
                && (h.getName().equals("exit") || h.getName().equals("halt")) && h.getDesc().equals(EXIT_DESC)) {
            return new Handle(Opcodes.H_INVOKESTATIC, TARGET, h.getName(), RUNTIME_EXIT_DESC, false);
        }
        return null;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
