"""The statistics page /stats/: articles per month, overall and per facet (`stats: true`)."""

from __future__ import annotations

from govnews.site.pages.base import PageKind
from govnews.site.render import TEMPLATES
from govnews.site.stats import STATS_URL, bar_chart, compute_stats, heat_map
from govnews.site.views import View

STATS = "stats"


class StatsKind(PageKind):
    names = (STATS,)

    def views(self) -> list[View]:
        return [View(STATS, STATS_URL, "统计")]

    def render(self, view: View) -> str:
        st = compute_stats(self.ctx.catalog, self.ctx.facets)
        ctx = self.ctx.publishing.context(view.url, view=view, st=st, trend=None, sections=[],
                                          month_titles=[f"{y}年{m}月" for y, m in st.months])
        if st.total:
            ctx["trend"] = bar_chart(st.trend_months, st.trend)
            ctx["sections"] = [(sec, heat_map(sec.months, st.months)) for sec in st.sections if sec.months]
        return TEMPLATES.get_template("stats.html").render(ctx)

    def head(self, view: View) -> dict:
        out = super().head(view)
        titles = "、".join(f"各{f.spec.title}" for f in self.ctx.facets.values() if f.spec.stats)
        out["column"] = {"name": "统计", "type": "数据发布",
                         "description": f"{titles}每月发稿数量" if titles else "每月发稿数量"}
        return out
