package org.reelpulse.collect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.reelpulse.post.NewPost;
import org.reelpulse.post.PostRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Other tools' exports dropped into the import folder ({@code kind: "file"}, folder {@code
 * reelpulse.collect.import-dir}): CSV with a mapping of our fields to its columns, or canonical NDJSON
 * read line by line through {@link NdjsonImporter}'s checks. Nothing outside the folder is read: no
 * {@code ..}, no absolute path, no symbolic link leading out. Per file a cursor (size, modification time,
 * complete rows read, digest of what was read) makes a re-run read only appended rows, and a file changed
 * otherwise is read again (the store keeps each post once). A bad row is a warning naming the file, the
 * line and the reason; the other rows are read.
 */
@Component
class FileCollector implements Collector {

    static final String KIND = "file";
    static final int BATCH = 500;
    static final int MAX_FILES = 1000;
    static final int MAX_ROW_WARNINGS = 20;
    /** Our fields a CSV column can fill; the NDJSON format's field names. */
    static final List<String> FIELDS = List.of("externalId", "text", "author", "authorName", "publishedAt", "url",
            "lang", "likes", "reposts", "replies", "quotes", "source", "replyTo", "repostOf");
    private static final Set<String> SETTINGS = Set.of("path", "format", "columns", "source", "delimiter",
            "dateFormat", "timeZone", "encoding");
    private static final Set<String> CSV_ONLY = Set.of("columns", "delimiter", "dateFormat", "timeZone");
    private static final Pattern GLOB_SAFE = Pattern.compile("[\\p{L}\\p{N} ._\\-*?\\[\\]{},/!]+");
    private static final Logger log = LoggerFactory.getLogger(FileCollector.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path importDir;
    private final Supplier<Set<String>> sources;

    @Autowired
    FileCollector(CollectProperties properties, PostRepository posts) {
        this(Path.of(properties.importDir()), posts::sourceIds);
    }

    FileCollector(Path importDir, Supplier<Set<String>> sources) {
        this.importDir = importDir;
        this.sources = sources;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode checkSettings(String baseUrl, JsonNode settings, SsrfGuard guard) {
        if (baseUrl != null) {
            throw SourceService.problem("baseUrl", "A file source reads the import folder, not a URL: leave baseUrl "
                    + "out.");
        }
        for (Iterator<String> names = settings.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!SETTINGS.contains(name)) {
                throw SourceService.problem("settings." + name, "A file source takes the settings " + new TreeSet<>(
                        SETTINGS) + "; '" + name + "' is not one of them.");
            }
        }
        String path = text(settings, "path");
        if (path == null) {
            throw SourceService.problem("settings.path", "Give the file to read in settings.path, relative to the "
                    + "import folder, e.g. \"exports/*.csv\".");
        }
        checkPath(path);
        String format = text(settings, "format");
        if (format == null) {
            String lower = path.toLowerCase(Locale.ROOT);
            format = lower.endsWith(".csv") || lower.endsWith(".tsv") ? "csv"
                    : lower.endsWith(".ndjson") || lower.endsWith(".jsonl") ? "ndjson" : null;
            if (format == null) {
                throw SourceService.problem("settings.format", "Say how the files are written: \"csv\" or \"ndjson\".");
            }
        }
        if (!format.equals("csv") && !format.equals("ndjson")) {
            throw SourceService.problem("settings.format", "format is \"csv\" or \"ndjson\", not '" + format + "'.");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("path", path);
        out.put("format", format);
        String source = text(settings, "source");
        if (source != null) {
            Set<String> known = sources.get();
            if (!known.contains(source)) {
                throw SourceService.problem("settings.source", "'" + source + "' is not a platform ReelPulse knows; "
                        + "use one of " + new TreeSet<>(known) + ".");
            }
            out.put("source", source);
        }
        String encoding = text(settings, "encoding");
        try {
            out.put("encoding", encoding == null ? "UTF-8" : Charset.forName(encoding).name());
        } catch (IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
            throw SourceService.problem("settings.encoding", "'" + encoding + "' is not an encoding this server "
                    + "knows; write e.g. \"UTF-8\", \"windows-1252\" or \"UTF-16\".");
        }
        if (format.equals("ndjson")) {
            for (String csv : CSV_ONLY) {
                if (settings.has(csv)) {
                    throw SourceService.problem("settings." + csv, csv + " is for CSV files only; NDJSON lines carry "
                            + "the canonical fields themselves.");
                }
            }
            return out;
        }
        ObjectNode columns = out.putObject("columns");
        JsonNode given = settings.get("columns");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw SourceService.problem("settings.columns", "columns maps our fields to your CSV's headers, e.g. "
                        + "{\"text\": \"Message\", \"author\": \"Username\", \"publishedAt\": \"Date\"}.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!FIELDS.contains(e.getKey())) {
                    throw SourceService.problem("settings.columns", "'" + e.getKey() + "' is not one of our fields; "
                            + "map any of " + FIELDS + " to a header of your CSV.");
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw SourceService.problem("settings.columns", "columns." + e.getKey() + " is the header of a "
                            + "column in your CSV, e.g. \"Message\".");
                }
                columns.put(e.getKey(), e.getValue().asText().strip());
            }
        }
        for (String f : FIELDS) {
            if (!columns.has(f)) {
                columns.put(f, f); // by default a column named like the field
            }
        }
        String delimiter = settings.has("delimiter") ? settings.get("delimiter").asText("") : ",";
        if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
            delimiter = "\t";
        }
        if (delimiter.length() != 1 || delimiter.equals("\"") || delimiter.equals("\n") || delimiter.equals("\r")) {
            throw SourceService.problem("settings.delimiter", "delimiter is one character, e.g. \",\", \";\" or "
                    + "\"tab\".");
        }
        out.put("delimiter", delimiter);
        String dateFormat = text(settings, "dateFormat");
        dateFormat = dateFormat == null ? "iso" : dateFormat;
        if (!Set.of("iso", "epoch", "epochMillis").contains(dateFormat)) {
            try {
                DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw SourceService.problem("settings.dateFormat", "dateFormat is \"iso\" (the default), \"epoch\", "
                        + "\"epochMillis\" or a pattern like \"dd/MM/yyyy HH:mm\"; '" + dateFormat + "' is none: "
                        + e.getMessage());
            }
        }
        out.put("dateFormat", dateFormat);
        String zone = text(settings, "timeZone");
        try {
            out.put("timeZone", zone == null ? "UTC" : ZoneId.of(zone).getId());
        } catch (DateTimeException e) {
            throw SourceService.problem("settings.timeZone", "timeZone is where dates without an offset were written, "
                    + "e.g. \"UTC\" or \"America/Los_Angeles\"; '" + zone + "' is not one.");
        }
        return out;
    }

    /** A path or glob that stays inside the import folder whatever the platform. */
    static void checkPath(String path) {
        boolean absolute = path.startsWith("/") || path.startsWith("\\") || path.startsWith("~")
                || path.matches("^[A-Za-z]:.*");
        if (absolute) {
            throw SourceService.problem("settings.path", "settings.path is relative to the import folder; '" + path
                    + "' is absolute. Drop the file into the folder and name it from there, e.g. \"exports/*.csv\".");
        }
        if (path.contains("\\") || path.length() > 500 || !GLOB_SAFE.matcher(path).matches()) {
            throw SourceService.problem("settings.path", "settings.path takes letters, digits, spaces, '.', '_', "
                    + "'-', '/' and the wildcards * ? [ ] { }; '" + path + "' has something else.");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw SourceService.problem("settings.path", "settings.path may not climb out of the import folder "
                        + "('" + segment + "'): name a file inside it.");
            }
        }
    }

    private static String text(JsonNode settings, String field) {
        JsonNode n = settings.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw SourceService.problem("settings." + field, field + " is a non-empty text; the file section of "
                    + "docs/SOURCES.md lists what each setting takes.");
        }
        return n.asText().strip();
    }

    @Override
    public void collect(CollectContext context) {
        JsonNode settings = context.settings();
        Path root = importDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CollectException(CollectException.Outcome.FAILED, "The import folder " + root + " does not exist: "
                    + "create it and drop the files there, or set reelpulse.collect.import-dir.");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new CollectException(CollectException.Outcome.FAILED, "The import folder " + root + " cannot be read: "
                    + e.getMessage() + ".");
        }
        Set<String> known = sources.get();
        for (Path file : files(context, realRoot, settings.get("path").asText())) {
            read(context, realRoot, file, known);
        }
    }

    /** The regular files inside the folder matching the path, sorted; links leading out are refused. */
    private static List<Path> files(CollectContext context, Path root, String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        int depth = glob.contains("**") ? 32 : glob.split("/").length;
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, depth)) {
            for (Iterator<Path> it = walk.sorted().iterator(); it.hasNext();) {
                Path p = it.next();
                Path rel = root.relativize(p);
                if (p.equals(root) || !matcher.matches(rel)) {
                    continue;
                }
                Path real;
                try {
                    real = p.toRealPath();
                } catch (IOException e) {
                    continue; // a dangling link
                }
                if (!real.startsWith(root)) {
                    context.warn("The import file " + slashes(rel) + " leads outside the import folder (a symbolic "
                            + "link); it is not read.");
                    continue;
                }
                if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (out.size() == MAX_FILES) {
                    context.warn("More than " + MAX_FILES + " files match settings.path; only the first " + MAX_FILES
                            + " in name order are read: narrow settings.path, or split the files among sources.");
                    break;
                }
                out.add(p);
            }
        } catch (IOException e) {
            throw new CollectException(CollectException.Outcome.FAILED, "The import folder cannot be listed: "
                    + e.getMessage() + ".");
        }
        return out;
    }

    private static String slashes(Path rel) {
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }

    /** Where a file was read to: its size and time then, the complete rows read, the digest of those bytes. */
    record FileCursor(long size, long modified, long rows, String sha256) {

        String write() {
            return JSON.createObjectNode().put("size", size).put("modified", modified).put("rows", rows)
                    .put("sha256", sha256).toString();
        }

        static FileCursor read(String value) {
            try {
                JsonNode n = JSON.readTree(value);
                return new FileCursor(n.path("size").asLong(-1), n.path("modified").asLong(-1), n.path("rows").asLong(0),
                        n.path("sha256").asText(""));
            } catch (IOException e) {
                return null;
            }
        }
    }

    private void read(CollectContext context, Path root, Path file, Set<String> known) {
        String name = slashes(root.relativize(file));
        String key = "file:" + (name.length() <= 190 ? name : "sha256:" + sha256(name));
        long size;
        long modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            context.warn("The import file " + name + " cannot be read: " + e.getMessage() + ".");
            return;
        }
        FileCursor before = context.cursor(key).map(FileCursor::read).orElse(null);
        if (before != null && before.size() == size && before.modified() == modified) {
            return; // unchanged since it was read
        }
        long skip = 0;
        if (before != null && size >= before.size() && before.sha256().equals(prefixDigest(file, before.size()))) {
            skip = before.rows(); // only appended to: the rows read before are skipped
        }
        JsonNode settings = context.settings();
        Charset charset = Charset.forName(settings.path("encoding").asText("UTF-8"));
        MessageDigest digest = sha256();
        Reading r = new Reading(context, name, known, skip);
        try (InputStream raw = new DigestInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)), digest);
                InputStream bounded = limit(raw, size);
                Reader reader = new BufferedReader(new InputStreamReader(bounded, decoder(charset)))) {
            if (settings.path("format").asText().equals("ndjson")) {
                ndjson(r, reader, settings);
            } else {
                csv(r, reader, settings);
            }
        } catch (IOException e) {
            context.warn("The import file " + name + " cannot be read: " + e.getMessage() + ".");
            r.flush();
            return;
        } catch (FileProblem e) {
            r.flush();
            context.warn("The import file " + name + " " + e.getMessage());
            return;
        }
        r.flush();
        if (r.bad > MAX_ROW_WARNINGS) {
            context.warn("The import file " + name + " has " + (r.bad - MAX_ROW_WARNINGS) + " more bad rows than those "
                    + "named; they were left out.");
        }
        // only now, once its rows are stored: a crash before reads the file again, which the store absorbs
        context.cursor(key, new FileCursor(size, modified, r.complete, HexFormat.of().formatHex(digest.digest())).write());
        log.info("Import file {}: {} rows read, {} bad", name, r.complete - skip, r.bad);
    }

    /** A problem with a whole file (a missing column, a quote never closed): the rest of it is not read. */
    private static final class FileProblem extends RuntimeException {
        FileProblem(String message) {
            super(message, null, false, false);
        }
    }

    /** The rows of one file being read: skips the ones read before, batches the posts, warns about bad ones. */
    private static final class Reading {
        final CollectContext context;
        final String name;
        final Set<String> known;
        final long skip;
        final List<NewPost> batch = new ArrayList<>();
        long complete;
        int bad;

        Reading(CollectContext context, String name, Set<String> known, long skip) {
            this.context = context;
            this.name = name;
            this.known = known;
            this.skip = skip;
        }

        /** Whether this row (counted from 0) was read by an earlier run. */
        boolean seen(long row) {
            return row < skip;
        }

        void add(NewPost p) {
            batch.add(new NewPost(p.source(), p.externalId(), p.url(), p.author(), p.text(), p.lang(), p.publishedAt(),
                    p.metrics(), p.replyTo(), p.repostOf(), context.source().name()));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void bad(long line, String reason) {
            bad++;
            if (bad <= MAX_ROW_WARNINGS) {
                context.warn("The import file " + name + ", line " + line + ": " + reason + "; the row was left out.");
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                context.store(new ArrayList<>(batch));
                batch.clear();
            }
        }
    }

    private static void ndjson(Reading r, Reader reader, JsonNode settings) throws IOException {
        BufferedReader lines = (BufferedReader) reader;
        String defaultSource = settings.hasNonNull("source") ? settings.get("source").asText() : null;
        Instant now = r.context.clock().instant();
        long row = 0;
        long lineNumber = 0;
        StringBuilder sb = new StringBuilder();
        while (true) {
            // a line by hand, to know whether it ended with a break (a last line may be half written)
            sb.setLength(0);
            int c;
            boolean ended = false;
            boolean tooLong = false;
            while ((c = lines.read()) != -1) {
                if (c == '\n') {
                    ended = true;
                    break;
                }
                if (sb.length() < CsvReader.MAX_FIELD) {
                    sb.append((char) c);
                } else {
                    tooLong = true; // the rest of the line is passed over, never held
                }
            }
            if (c == -1 && sb.isEmpty()) {
                return;
            }
            lineNumber++;
            String line = sb.toString();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            long thisRow = row;
            if (ended) {
                row++;
                r.complete = row;
            }
            if (line.isBlank() || r.seen(thisRow)) {
                continue;
            }
            if (tooLong) {
                r.bad(lineNumber, "longer than " + CsvReader.MAX_FIELD + " characters");
                continue;
            }
            try {
                r.add(NdjsonImporter.parse(JSON, line, r.known, now, defaultSource));
            } catch (NdjsonImporter.LineException e) {
                r.bad(lineNumber, e.getMessage());
            }
        }
    }

    private static void csv(Reading r, Reader reader, JsonNode settings) throws IOException {
        CsvReader csv = new CsvReader(reader, settings.path("delimiter").asText(",").charAt(0));
        try {
            CsvReader.Row header = csv.next();
            if (header == null) {
                return; // an empty file: nothing yet
            }
            if (!header.complete()) {
                return; // the header is still being written
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < header.fields().size(); i++) {
                String h = header.fields().get(i).strip();
                if (i == 0 && h.startsWith("\uFEFF")) {
                    h = h.substring(1).strip();
                }
                index.putIfAbsent(h.toLowerCase(Locale.ROOT), i);
            }
            Map<String, Integer> columns = new LinkedHashMap<>();
            settings.path("columns").fields().forEachRemaining(e -> {
                Integer i = index.get(e.getValue().asText().toLowerCase(Locale.ROOT));
                if (i != null) {
                    columns.put(e.getKey(), i);
                }
            });
            for (String required : List.of("text", "author", "publishedAt")) {
                if (!columns.containsKey(required)) {
                    throw new FileProblem("has no column '" + settings.path("columns").path(required).asText()
                            + "' for " + required + " (its headers: " + header.fields() + "); map one in settings.columns."
                            + required + ". It was not read.");
                }
            }
            if (!columns.containsKey("source") && !settings.hasNonNull("source")) {
                throw new FileProblem("has no column for source and settings.source is not set: say which platform "
                        + "its rows come from. It was not read.");
            }
            CsvRow rows = new CsvRow(columns, settings, r.context.clock().instant(), r.known);
            long row = 0;
            for (CsvReader.Row record = csv.next(); record != null; record = csv.next()) {
                long thisRow = row;
                if (record.complete()) {
                    row++;
                    r.complete = row;
                }
                if (record.blank() || r.seen(thisRow)) {
                    continue;
                }
                try {
                    r.add(rows.post(record.fields()));
                } catch (NdjsonImporter.LineException e) {
                    r.bad(record.line(), e.getMessage());
                }
            }
        } catch (CsvReader.CsvException e) {
            throw new FileProblem("cannot be read on: " + e.getMessage() + ". The rows before were read.");
        }
    }

    /** A CSV row put in the canonical shape and checked by the NDJSON import's rules. */
    private static final class CsvRow {
        final Map<String, Integer> columns;
        final String defaultSource;
        final String dateFormat;
        final ZoneId zone;
        final DateTimeFormatter pattern;
        final Instant now;
        final Set<String> known;

        CsvRow(Map<String, Integer> columns, JsonNode settings, Instant now, Set<String> known) {
            this.columns = columns;
            this.defaultSource = settings.hasNonNull("source") ? settings.get("source").asText() : null;
            this.dateFormat = settings.path("dateFormat").asText("iso");
            this.zone = ZoneId.of(settings.path("timeZone").asText("UTC"));
            this.pattern = Set.of("iso", "epoch", "epochMillis").contains(dateFormat) ? null
                    : DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT);
            this.now = now;
            this.known = known;
        }

        String cell(List<String> fields, String field) {
            Integer i = columns.get(field);
            if (i == null || i >= fields.size()) {
                return null;
            }
            String v = fields.get(i).replace("\r\n", "\n").strip();
            return v.isEmpty() ? null : v;
        }

        NewPost post(List<String> fields) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            String source = cell(fields, "source");
            n.put("source", source != null ? source : defaultSource);
            String author = cell(fields, "author");
            String text = cell(fields, "text");
            String published = cell(fields, "publishedAt");
            if (published == null) {
                throw new NdjsonImporter.LineException("'publishedAt' is empty");
            }
            Instant at = instant(published);
            String id = cell(fields, "externalId");
            // without an id of its own, a row's id is a digest of what it says, so a re-read is still one post
            n.put("externalId", id != null ? id : "sha256:" + sha256(n.path("source").asText() + "|" + author + "|" + at
                    + "|" + text));
            n.put("text", text);
            n.put("publishedAt", at.toString());
            ObjectNode a = n.putObject("author");
            a.put("handle", author);
            a.put("name", cell(fields, "authorName"));
            for (String f : List.of("url", "lang", "replyTo", "repostOf")) {
                n.put(f, cell(fields, f));
            }
            ObjectNode m = n.putObject("metrics");
            for (String f : List.of("likes", "reposts", "replies", "quotes")) {
                String v = cell(fields, f);
                if (v != null) {
                    String digits = v.replace(",", "").replace("\u00a0", "").replace(" ", "");
                    if (!digits.matches("\\d{1,9}")) {
                        throw new NdjsonImporter.LineException("'" + f + "' must be a whole number of at least 0, not '"
                                + v + "'");
                    }
                    m.put(f, Integer.parseInt(digits));
                }
            }
            return NdjsonImporter.post(n, known, now);
        }

        Instant instant(String v) {
            try {
                switch (dateFormat) {
                    case "epoch":
                        return Instant.ofEpochMilli((long) (Double.parseDouble(v) * 1000));
                    case "epochMillis":
                        return Instant.ofEpochMilli(Long.parseLong(v));
                    case "iso":
                        return iso(v);
                    default:
                        TemporalAccessor t = pattern.parse(v);
                        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                            return ZonedDateTime.from(t).toInstant();
                        }
                        if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
                            return LocalDateTime.from(t).atZone(zone).toInstant();
                        }
                        return LocalDate.from(t).atStartOfDay(zone).toInstant();
                }
            } catch (DateTimeException | NumberFormatException e) {
                throw new NdjsonImporter.LineException("'publishedAt' cannot be read as " + (pattern == null ? dateFormat
                        : "'" + dateFormat + "'") + ": '" + v + "'");
            }
        }

        private Instant iso(String v) {
            String s = v.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException withoutOffset) {
                try {
                    return LocalDateTime.parse(s).atZone(zone).toInstant();
                } catch (DateTimeException withoutTime) {
                    return LocalDate.parse(v).atStartOfDay(zone).toInstant();
                }
            }
        }
    }

    /** Reads bad bytes as U+FFFD rather than failing the file. */
    private static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    /** The file as it was when its size was taken: what is appended while it is read waits for the next run. */
    private static InputStream limit(InputStream in, long size) {
        return new java.io.FilterInputStream(in) {
            private long left = size;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int c = super.read();
                if (c >= 0) {
                    left--;
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    /** The digest of the file's first bytes, or "" when it cannot be read. */
    private static String prefixDigest(Path file, long bytes) {
        MessageDigest digest = sha256();
        try (InputStream in = limit(Files.newInputStream(file), bytes)) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            return "";
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String s) {
        return CursorKeys.sha256Hex(s);
    }
}
