package org.reelpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.reelpulse.dashboard.Dashboard;

class WhatChangedTest {

    private static final Messages EN = new Messages(Locale.ENGLISH, ReportFixture.PARIS);
    private static final Messages FR = new Messages(Locale.FRENCH, ReportFixture.PARIS);

    @Test
    void shouldSayHowVolumeAndNetSentimentMovedAndNameTheSpike() {
        assertThat(WhatChanged.sentences(ReportFixture.week(), EN)).containsExactly(
                "Posts rose 35% to 412, from 305 last week.",
                "Net sentiment moved from \u22120.12 to \u22120.31, more negative.",
                "A spike began on Sep 18, 2024, with 180 posts; the term that stood out most was \u201ctraining data\u201d.");
    }

    @Test
    void shouldNameTheLabourConcernThatRoseMostWhenThereIsNoSpike() {
        Dashboard d = ReportFixture.week();
        assertThat(WhatChanged.sentences(ReportFixture.with(d, d.kpis(), List.of()), EN)).containsExactly(
                "Posts rose 35% to 412, from 305 last week.",
                "Net sentiment moved from \u22120.12 to \u22120.31, more negative.",
                "The labour concern that rose most was Job displacement: 120 posts, up from 70.");
    }

    @Test
    void shouldCallSmallChangesSteady() {
        Dashboard d = ReportFixture.week();
        Dashboard.Kpis k = d.kpis();
        Dashboard steady = ReportFixture.with(d, new Dashboard.Kpis(ReportFixture.kpi(100, 98, 2, 0.0204, false),
                k.authors(), ReportFixture.kpi(-0.30, -0.28, -0.02, null, false), k.labourShare(),
                k.unionStatements()), List.of());
        assertThat(WhatChanged.sentences(steady, EN)).startsWith(
                "Posts held steady at 100 (98 last week).",
                "Net sentiment stayed close to last week's: \u22120.30, against \u22120.28.");
    }

    @Test
    void shouldSayAFallAndANewWeekWithoutInventingANetSentiment() {
        Dashboard d = ReportFixture.week();
        Dashboard.Kpis k = d.kpis();
        Dashboard fell = ReportFixture.with(d, new Dashboard.Kpis(ReportFixture.kpi(60, 80, -20, -0.25, false),
                k.authors(), ReportFixture.kpi(null, 0.1, null, null, true), k.labourShare(), k.unionStatements()),
                List.of());
        assertThat(WhatChanged.sentences(fell, EN)).containsExactly("Posts fell 25% to 60, from 80 last week.",
                "The labour concern that rose most was Job displacement: 120 posts, up from 70.");
        Dashboard fresh = ReportFixture.with(d, new Dashboard.Kpis(ReportFixture.kpi(60, 0, 60, null, false),
                k.authors(), ReportFixture.kpi(0.2, null, null, null, false), k.labourShare(), k.unionStatements()),
                List.of());
        assertThat(WhatChanged.sentences(fresh, EN)).startsWith("60 posts this week, against none last week.",
                "Net sentiment was +0.20; last week no post took a side.");
    }

    @Test
    void shouldSayItInFrenchWithFrenchNumbers() {
        List<String> sentences = WhatChanged.sentences(ReportFixture.week(), FR).stream()
                .map(s -> s.replace('\u202f', ' ').replace('\u00a0', ' ')).toList();
        assertThat(sentences).containsExactly(
                "Les publications ont augmenté de 35 % pour atteindre 412, contre 305 la semaine précédente.",
                "Le sentiment net est passé de \u22120,12 à \u22120,31, plus négatif.",
                "Un pic a commencé le 18 sept. 2024, avec 180 publications ; le terme le plus marquant était "
                        + "« training data ».");
    }
}
