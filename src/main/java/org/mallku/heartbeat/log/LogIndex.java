package org.mallku.heartbeat.log;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.pulse.FailureReason;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSummary;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The small file that lets start-up and the status command skip reading records: counters over the whole
 * history and the summaries of the newest pulses. It can always be rebuilt from the records.
 *
 * @param total        pulses ever recorded, pruned ones included
 * @param files        records in the folder now
 * @param firstPulseAt when the oldest pulse ever recorded started, {@code null} with none
 * @param recent       the newest pulses, newest first, at most {@link PulseHistory#WINDOW}
 */
@RegisterForReflection(targets = { LogIndex.class, LogIndex.Entry.class })
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LogIndex(int schemaVersion, long total, long alerts, long celebrations, long failed, long files,
        String firstPulseAt, List<Entry> recent) {

    public static final int SCHEMA_VERSION = 1;

    public static final LogIndex EMPTY = new LogIndex(SCHEMA_VERSION, 0, 0, 0, 0, 0, null, List.of());

    /**
     * The largest counter believed: 2^53 - 1, the largest integer every JSON reader (JavaScript, jq) keeps exact. No
     * history comes near it (a pulse a second for 285 million years); a larger one is a damaged or forged index.
     */
    static final long MAX_COUNT = (1L << 53) - 1;

    /** One pulse in the index: its record's file name and its summary. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(String file, String id, String reason, String startedAt, String completedAt, String ceremony,
            Double score, String outcome, int voicesPresent, boolean emergence, String keyInsight,
            String failureReason) {

        static Entry of(PulseSummary s) {
            return new Entry(LogFolder.fileName(s.startedAt(), s.id()), s.id().toString(), s.reason().label(),
                    PulseRecord.format(s.startedAt()), PulseRecord.format(s.completedAt()),
                    s.ceremony() == null ? null : s.ceremony().label(), s.score(), s.outcome().label(), s.voicesPresent(),
                    s.emergence(), s.keyInsight(), s.failureReason() == null ? null : s.failureReason().label());
        }

        PulseSummary summary() {
            return new PulseSummary(UUID.fromString(id), PulseReason.fromLabel(reason), PulseRecord.parse(startedAt),
                    PulseRecord.parse(completedAt), ceremony == null ? null : Ceremony.fromLabel(ceremony), score,
                    PulseOutcome.fromLabel(outcome), voicesPresent, emergence, keyInsight,
                    FailureReason.fromLabel(failureReason));
        }
    }

    /**
     * Checks what start-up will trust: counters that are not negative, a window of at most {@link PulseHistory#WINDOW}
     * entries that each parse and name their own record, a file of this folder. {@link IllegalArgumentException}
     * says which part is wrong, never quoting it.
     */
    void validate() {
        if (total < 0 || alerts < 0 || celebrations < 0 || failed < 0 || files < 0) {
            throw new IllegalArgumentException("a negative counter");
        }
        if (LongStream.of(total, alerts, celebrations, failed, files).anyMatch(c -> c > MAX_COUNT)) {
            throw new IllegalArgumentException("a counter beyond " + MAX_COUNT);
        }
        // alerts, celebrations and failures are outcomes of distinct pulses, each counted in total
        if (alerts + celebrations + failed > total) {
            throw new IllegalArgumentException("more alerts, celebrations and failures than pulses");
        }
        if (recent == null || recent.size() > PulseHistory.WINDOW) {
            throw new IllegalArgumentException("no recent window, or one longer than " + PulseHistory.WINDOW);
        }
        if (recent.size() > total) {
            throw new IllegalArgumentException("more recent pulses than pulses in total");
        }
        for (int i = 0; i < recent.size(); i++) {
            Entry entry = recent.get(i);
            try {
                PulseSummary summary = entry.summary();
                if (!LogFolder.fileName(summary.startedAt(), summary.id()).equals(entry.file())) {
                    throw new IllegalArgumentException("wrong file");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("entry " + (i + 1) + " of recent does not describe a record of this folder");
            }
        }
        try {
            firstPulse();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("first_pulse_at is not a time");
        }
    }

    public Instant firstPulse() {
        return firstPulseAt == null ? null : PulseRecord.parse(firstPulseAt);
    }

    public List<PulseSummary> summaries() {
        return recent == null ? List.of() : recent.stream().map(Entry::summary).toList();
    }
}
