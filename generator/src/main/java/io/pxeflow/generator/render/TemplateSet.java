package io.pxeflow.generator.render;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JMustache templates, each {@code templates/NAME.mustache} on the classpath unless the
 * admin's template directory holds a file of the same name. Templates see only maps and lists
 * (BasicCollector): what a template can print is exactly what the renderer put in its view.
 * A variable the view lacks is an error, so an admin's typo fails loudly instead of printing "".
 */
public final class TemplateSet {
    private static final String RESOURCE_DIR = "templates/";
    private static final Mustache.Escaper JSON = Escapers.simple(new String[][] {{"\\", "\\\\"}, {"\"", "\\\""}});

    private final Path overrideDir;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private final Mustache.Compiler plain;
    private final Mustache.Compiler json;

    public TemplateSet(Path overrideDir) {
        this.overrideDir = overrideDir;
        Mustache.TemplateLoader loader = name -> new StringReader(source(name));
        Mustache.Compiler base = Mustache.compiler()
            .withCollector(new MapsAndLists())
            .escapeHTML(false)
            .nullValue("")
            .withLoader(loader);
        this.plain = base;
        this.json = base.withEscaper(JSON);
    }

    /** Renders template {@code name} with {@code view}; JSON templates (name ending in .json) escape values. */
    public String render(String name, Object view) {
        Template t = compiled.computeIfAbsent(name, this::compile);
        try {
            return t.execute(view);
        } catch (MustacheException e) {
            throw new TemplateException(name, e.getMessage());
        }
    }

    /** Renders template {@code name} with {@code view} into {@code out}: a large shared file is not copied once more. */
    public void render(String name, Object view, java.io.Writer out) {
        Template t = compiled.computeIfAbsent(name, this::compile);
        try {
            t.execute(view, out);
        } catch (MustacheException e) {
            throw new TemplateException(name, e.getMessage());
        }
    }

    /**
     * Every name template {@code name} (and the partials it includes) looks up, by its first
     * part ({@code settings} for {@code settings.generator}): what a change must alter to alter
     * the rendered text.
     */
    public java.util.Set<String> names(String name) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        collect(name, out, seen);
        return java.util.Collections.unmodifiableSet(out);
    }

    private void collect(String name, java.util.Set<String> out, java.util.Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        compiled.computeIfAbsent(name, this::compile).visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String var) {
                add(var);
            }

            @Override
            public boolean visitInclude(String partial) {
                collect(partial, out, seen);
                return false;
            }

            @Override
            public boolean visitSection(String section) {
                add(section);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String section) {
                add(section);
                return true;
            }

            private void add(String var) {
                int dot = var.indexOf('.');
                String first = dot > 0 ? var.substring(0, dot) : var;
                if (!first.isEmpty() && !".".equals(first) && !"this".equals(first)) {
                    out.add(first);
                }
            }
        });
    }

    /** Whether the admin replaced template {@code name}. */
    public boolean overridden(String name) {
        return overrideDir != null && Files.isRegularFile(overrideDir.resolve(name + ".mustache"));
    }

    private Template compile(String name) {
        try (Reader r = new StringReader(source(name))) {
            return (name.endsWith(".json") ? json : plain).compile(r);
        } catch (MustacheException e) {
            throw new TemplateException(name, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String source(String name) {
        String file = name + ".mustache";
        if (overrideDir != null) {
            Path p = overrideDir.resolve(file);
            if (Files.isRegularFile(p)) {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new TemplateException(name, "cannot read override " + p + ": " + e.getMessage());
                }
            }
        }
        try (InputStream in = TemplateSet.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new TemplateException(name, "no such template");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JMustache's collector for maps and lists only: no reflection into arbitrary objects. */
    private static final class MapsAndLists extends BasicCollector {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>();
        }
    }

    /** A template that does not compile or does not fit its view. */
    public static final class TemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TemplateException(String template, String reason) {
            super("template " + template + ": " + reason);
        }
    }
}
