package changeledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.domain.ProblemException;
import changeledger.domain.BodyTooLargeException;
import changeledger.support.Tars;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarArchiveTest {

    @Test
    void givenTarWithDotSlashPathsAndDirectories_thenTheFilesByPath() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("./etc/hosts", "127.0.0.1 localhost\n");
        files.put("etc/resolv.conf", "nameserver 192.0.2.1\n");
        byte[] tar = Tars.of(files);
        byte[] withDir = new byte[tar.length + 512];
        System.arraycopy(Tars.raw("etc/pve/", new byte[0], '5'), 0, withDir, 0, 512);
        System.arraycopy(tar, 0, withDir, 512, tar.length);

        assertThat(TarArchive.files(withDir, 1 << 20)).containsExactly(
                Map.entry("etc/hosts", "127.0.0.1 localhost\n"), Map.entry("etc/resolv.conf", "nameserver 192.0.2.1\n"));
    }

    @Test
    void givenGzipThatInflatesPastTheLimit_then413NotAnOutOfMemory() {
        byte[] big = Tars.gzip(Tars.of(Map.of("packages.txt", "a\t1\n".repeat(10_000))));
        assertThat(big.length).isLessThan(4_000);
        assertThatThrownBy(() -> TarArchive.files(big, 20_000)).isInstanceOf(BodyTooLargeException.class);
    }

    @Test
    void givenGzipBombAtTheDefaultLimit_thenRefusedWithoutHoldingTheInflatedBytes() {
        byte[] bomb = Tars.gzip(new byte[80 << 20]);
        long limit = 64L << 20;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> TarArchive.files(bomb, limit)).isInstanceOf(BodyTooLargeException.class);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // holding the 64 MiB it was allowed to inflate took 128 MiB, more than the deployment's heap of 192 MiB spared
        assertThat(allocated).as("bytes allocated to refuse the bomb").isLessThan(8L << 20);
    }

    @Test
    void givenGzippedTar_thenItsFiles() {
        byte[] gzipped = Tars.gzip(Tars.of(Map.of("etc/hosts", "127.0.0.1 localhost\n")));
        assertThat(TarArchive.files(gzipped, 1 << 20)).containsExactly(Map.entry("etc/hosts", "127.0.0.1 localhost\n"));
    }

    @Test
    void givenCutShortOrCorruptHeader_then400() {
        byte[] tar = Tars.of(Map.of("etc/hosts", "127.0.0.1 localhost\n"));
        tar[0] = 'X';
        assertThatThrownBy(() -> TarArchive.files(tar, 1 << 20)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("checksum");
        byte[] cut = java.util.Arrays.copyOf(Tars.of(Map.of("etc/hosts", "x y\n")), 600);
        assertThatThrownBy(() -> TarArchive.files(cut, 1 << 20)).isInstanceOf(ProblemException.class);
    }
}
