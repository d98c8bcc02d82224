package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    /** A real line of /proc/<pid>/stat with utime 7, stime 3, cutime 40, cstime 2 (fields 14-17). */
    static String statLine(long pid, String name, long parent, long utime, long stime, long cutime, long cstime) {
        return pid + " (" + name + ") S " + parent + " 18208 14992 0 -1 4194304 103 0 0 0 " + utime + " " + stime
                + " " + cutime + " " + cstime + " 20 0 1 0 824805 3133440 385 18446744073709551615 0 0 0 0 0 0 0 0 0"
                + " 17 0 0 0 0 0 0\n";
    }

    @Test
    void readsParentAndOwnAndReapedTicks() {
        ProcStat p = ProcStat.parse(statLine(4242, "postgres", 4200, 7, 3, 40, 2)).orElseThrow();

        assertThat(p).isEqualTo(new ProcStat(4242, 4200, 10, 42));
        assertThat(p.ownSeconds()).isEqualTo(0.10);
    }

    @Test
    void countsFieldsFromTheLastParenthesisSoANameWithSpacesAndParenthesesCannotShiftThem() {
        ProcStat p = ProcStat.parse(statLine(77, "postgres: bench (idle) ) x", 1, 5, 6, 0, 1)).orElseThrow();

        assertThat(p).isEqualTo(new ProcStat(77, 1, 11, 1));
    }


    @Test
    void refusesWhatIsNotAStatLine() {
        assertThat(ProcStat.parse("")).isEmpty();
        assertThat(ProcStat.parse("12 (short) S 1 2")).isEmpty();
        assertThat(ProcStat.parse("no parentheses at all")).isEmpty();
    }
}
