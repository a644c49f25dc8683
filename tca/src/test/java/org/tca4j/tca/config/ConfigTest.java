package org.tca4j.tca.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration record, the per-dataset table and the method specs of the command line. */
class ConfigTest {
    @Test
    void defaultsAreTheReferenceSetting() {
        TcaConfig c = TcaConfig.defaults();
        assertThat(c.layers()).containsExactly(3, 6, 9);
        assertThat(c.rate()).isEqualTo(0.035);
        assertThat(c.centres()).isEqualTo(4);
        assertThat(c.logitScale()).isEqualTo(100);
        assertThat(List.of(c.reservoirSize(), c.scale(), c.lambda(), c.beta())).containsExactly(3, 0.1, 3.0, 5.0);
        assertThat(c.anchorGate()).isEqualTo(AnchorGate.EVERY_CLASS_TWO);
        assertThat(c.rankBy()).isEqualTo(RankBy.MEAN_ATTENTION);
        assertThat(c.kCenterStart()).isEqualTo(KCenterStart.FIRST);
        assertThat(c.condensesAt(3)).isTrue();
        assertThat(c.condensesAt(4)).isFalse();
        assertThat(c.withRate(0).condensesAt(3)).as("rate 0 = no condensation").isFalse();
    }

    @Test
    void datasetsByTheirReferenceNames() {
        TcaConfig euro = TcaConfig.forDataset("EuroSAT");
        assertThat(List.of(euro.reservoirSize(), euro.scale(), euro.lambda(), euro.beta())).containsExactly(2, 5.0, 8.0, 7.0);
        assertThat(DatasetHyperparameters.byName("fgvc")).isEqualTo(DatasetHyperparameters.FGVC_AIRCRAFT);
        assertThat(DatasetHyperparameters.byName("imagenet-v2")).isEqualTo(DatasetHyperparameters.IMAGENET_V2);
        assertThat(DatasetHyperparameters.byName("oxford_pets").scale()).isEqualTo(5.5);
        assertThatThrownBy(() -> DatasetHyperparameters.byName("mnist")).hasMessageContaining("unknown dataset 'mnist'")
                .hasMessageContaining("eurosat");
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> TcaConfig.defaults().withRate(1.5)).hasMessageContaining("rate");
        assertThatThrownBy(() -> TcaConfig.defaults().withLayers(List.of(6, 3))).hasMessageContaining("ascending");
        assertThatThrownBy(() -> TcaConfig.defaults().withLayers(List.of(0))).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> TcaConfig.defaults().withReservoirSize(0)).hasMessageContaining("M");
        assertThatThrownBy(() -> TcaConfig.defaults().withCorrection(0, 1, 1)).hasMessageContaining("scale");
        assertThatThrownBy(() -> TcaConfig.defaults().withCorrection(1, Double.NaN, 1)).hasMessageContaining("lambda");
    }

    @Test
    void methodSpecs() {
        assertThat(Method.parse("full")).isEqualTo(new Method.Full());
        assertThat(Method.parse("evit")).isEqualTo(new Method.Evit(0.1, List.of(3, 6, 9)));
        assertThat(Method.parse("tome:r=0.3")).isEqualTo(new Method.Tome(0.3, List.of(3, 6, 9)));
        Method.Tca t = (Method.Tca) Method.parse("tca:r=0.105,M=2,scale=0.01,lambda=2,beta=7");
        assertThat(t.config()).isEqualTo(TcaConfig.defaults().withRate(0.105).withReservoirSize(2)
                .withCorrection(0.01, 2, 7));
        Method.Tca d = (Method.Tca) Method.parse("tca:dataset=eurosat,lambda=1");
        assertThat(d.config().reservoirSize()).isEqualTo(2);
        assertThat(d.config().lambda()).isEqualTo(1);
        assertThat(Method.parse("tca").describe()).isEqualTo("tca:r=0.035,M=3,scale=0.1,lambda=3.0,beta=5.0");
        assertThatThrownBy(() -> Method.parse("tca:q=1")).hasMessageContaining("unknown option 'q'");
        assertThatThrownBy(() -> Method.parse("tca:r")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> Method.parse("tca:M=2.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Method.parse("evit:r=x")).hasMessageContaining("expects a number");
        assertThatThrownBy(() -> Method.parse("ats")).hasMessageContaining("unknown method 'ats'");
        assertThatThrownBy(() -> Method.parse("full:r=1")).hasMessageContaining("unknown option");
    }
}
