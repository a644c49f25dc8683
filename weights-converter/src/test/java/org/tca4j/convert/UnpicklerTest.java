package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tca4j.convert.pickle.PickleException;
import org.tca4j.convert.pickle.PickleValues.None;
import org.tca4j.convert.pickle.PickleValues.Tuple;
import org.tca4j.convert.pickle.RestrictedUnpickler;

class UnpicklerTest {
    private static Object load(String hex) throws PickleException {
        return RestrictedUnpickler.load(HexFormat.of().parseHex(hex));
    }

    @Test
    void forbiddenGlobalOfTheGoldenBadFileIsRefusedAtTheGlobalOpcode() {
        // MANIFEST bad_files forbidden_global.bin data_pkl_hex: GLOBAL 'posix system', a string, TUPLE1, REDUCE, STOP.
        assertThatThrownBy(() -> load("800263706f7369780a73797374656d0a58250000006563686f204f50454e434c49502d474f4c44454e2d"
                + "464f5242494444454e2d474c4f42414c85522e"))
                .isInstanceOf(PickleException.class).hasMessageContaining("GLOBAL 'posix system' is not on the allow-list");
        // The GLOBAL alone, with nothing after it, already fails: nothing later could run.
        assertThatThrownBy(() -> load("800263706f7369780a73797374656d0a"))
                .hasMessageContaining("GLOBAL 'posix system' is not on the allow-list");
    }

    @Test
    void stackGlobalIsCheckedToo() {
        // PROTO 4, SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL
        assertThatThrownBy(() -> load("80048c086275696c74696e738c046576616c93"))
                .hasMessageContaining("GLOBAL 'builtins eval' is not on the allow-list");
        // torch._utils._rebuild_parameter is a real torch global but not one a state dict needs.
        assertThatThrownBy(() -> load("800263746f7263682e5f7574696c730a5f72656275696c645f706172616d657465720a"))
                .hasMessageContaining("_rebuild_parameter' is not on the allow-list");
    }

    @Test
    void scalarsDecodeAsPickleDefinesThem() throws Exception {
        // EMPTY_DICT MARK 'f' BINFLOAT(1.5, big-endian) 'n' LONG1(-2) 'z' NONE 't' NEWTRUE SETITEMS STOP
        Object v = load("80027d28580100000066473ff800000000000058010000006e8a01fe58010000007a4e58010000007488752e");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(m.get("f")).isEqualTo(1.5);
        assertThat(m.get("n")).isEqualTo(-2L);
        assertThat(m.get("z")).isEqualTo(None.NONE);
        assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void memoAndTuplesWork() throws Exception {
        // BININT1 7, BINPUT 0, BINGET 0, TUPLE2, STOP
        assertThat(load("80024b0771006800862e")).isEqualTo(new Tuple(List.of(7L, 7L)));
    }

    @Test
    void malformedStreamsFailCleanly() {
        assertThatThrownBy(() -> load("8002")).hasMessageContaining("without STOP");
        assertThatThrownBy(() -> load("80025800ffffff")).hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> load("8002742e")).hasMessageContaining("no MARK");
        assertThatThrownBy(() -> load("80022e")).hasMessageContaining("underflow");
        assertThatThrownBy(() -> load("8002680a2e")).hasMessageContaining("memo index 10");
        assertThatThrownBy(() -> load("800249")).hasMessageContaining("unsupported pickle opcode 0x49");
        assertThatThrownBy(() -> load("800a")).hasMessageContaining("protocol 10");
    }
}
