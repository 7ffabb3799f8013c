package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;

import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Finds, when a script is compiled, the files its {@code save 'file'} and {@code export 'file'} lines will write
 * (a constant path only; one built while running is not known in advance), so that a run can check their folders
 * before its first epoch instead of failing after the training it was meant to keep.
 */
final class PlannedWrites extends CompilationCustomizer {
    private static final List<String> VERBS = List.of("save", "export");

    /** {@code verb 'path'} on {@code line} of {@code script}. */
    record Write(String script, int line, String verb, String path) {
    }

    private final List<Write> found = new ArrayList<>();

    PlannedWrites() {
        super(CompilePhase.SEMANTIC_ANALYSIS);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            return;
        }
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (call.isImplicitThis() && VERBS.contains(call.getMethodAsString())
                        && call.getArguments() instanceof ArgumentListExpression args && args.getExpressions().size() == 1
                        && args.getExpression(0) instanceof ConstantExpression c && c.getValue() instanceof String path) {
                    found.add(new Write(source.getName(), call.getLineNumber(), call.getMethodAsString(), path));
                }
                super.visitMethodCallExpression(call);
            }
        };
        for (MethodNode m : classNode.getMethods()) {
            if (m.getCode() != null) {
                m.getCode().visit(visitor);
            }
        }
    }

    /** What the scripts compiled since the last call write, in the order found; forgotten here. */
    List<Write> take() {
        List<Write> out = List.copyOf(found);
        found.clear();
        return out;
    }
}
