//! The chart canvas: the scene drawn with egui's painter, panned by dragging, zoomed with the
//! wheel, pinch or keys around the cursor, with cards that glide to their new places when the
//! date moves, a minimap for large charts, and every card in the accessibility tree.

use std::sync::Arc;

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Shape, Vec2};

use crate::app::{Command, GovchartApp};
use crate::model::PostId;
use crate::scene::{Colour, Item, Scene, Tween, ease};
use crate::text::Metrics;

/// How long cards take to glide to new places, in seconds.
const GLIDE: f64 = 0.35;
/// Below this many pixels, text is left out and cards are drawn as plain boxes.
const SMALLEST_TEXT: f32 = 3.5;
/// Cards get their own accessible, clickable widget while at most this many are in view.
const MOST_WIDGETS: usize = 3000;
const MIN_ZOOM: f32 = 0.01;
/// The smallest zoom at which card text is comfortable to read: the cards' 12-unit body
/// text at 11 pixels.
const READABLE: f32 = 11.0 / 12.0;
/// Charts of at most this many cards are never fitted below [`READABLE`]: small enough to
/// read, they are better panned a little than shrunk past reading.
const SMALL_CHART: usize = 150;
const MAX_ZOOM: f32 = 8.0;

/// A change of picture being animated.
struct Transition {
    tween: Tween,
    start: f64,
}

/// Where the chart sits in the canvas and how it moves.
#[derive(Default)]
pub struct Canvas {
    /// Screen offset of the chart's origin from the canvas's top left.
    offset: Vec2,
    /// Pixels per chart unit; zero until the first fit.
    zoom: f32,
    /// Fit the whole chart on the next frame.
    pub fit_next: bool,
    /// Centre this post's card on the next frame it is drawn.
    pub centre_on: Option<PostId>,
    /// Zoom to apply around the canvas's centre on the next frame.
    zoom_request: Option<f32>,
    transition: Option<Transition>,
    last: Option<Arc<Scene>>,
    /// The canvas's size on screen at the last frame.
    size: Option<Vec2>,
    /// Where the canvas was on screen at the last frame.
    area: Option<Rect>,
    /// Width a panel opened beside the canvas takes from it this frame, counted back in the
    /// canvas's shape so that opening the panel does not lay the chart out again.
    pub lend: f32,
    /// `lend` as it was when the canvas's size was last measured.
    lent: f32,
    /// The size of the picture the first view was made for, until the user pans or zooms:
    /// while it is set, a picture laid out again for a new canvas shape gets a new first
    /// view.
    overview_of: Option<(f64, f64)>,
    /// The card being dragged onto another, to report there, in the chart of that
    /// generation (an undo during the drag makes a new chart, whose ids may differ).
    dragging: Option<(PostId, u64)>,
}

impl Canvas {
    /// The part of the picture worth making for the next frame, in chart units: what is in
    /// view and a view's width and height around it, snapped to a grid of views so that
    /// panning within it needs no new picture. `None` before the first frame.
    pub fn wanted(&self) -> Option<[i64; 4]> {
        let size = self.size?;
        if self.zoom <= 0.0 {
            return None;
        }
        // Tiles at least as large as the view, in whole units: the view starts in tile
        // (col, row) and ends before the tile after next, so the three by three tiles from
        // (col - 1, row - 1) hold it with a margin.
        let w = f64::from(size.x / self.zoom).max(1.0).ceil();
        let h = f64::from(size.y / self.zoom).max(1.0).ceil();
        let x = f64::from(-self.offset.x / self.zoom);
        let y = f64::from(-self.offset.y / self.zoom);
        let (col, row) = ((x / w).floor() as i64, (y / h).floor() as i64);
        Some([col - 1, row - 1, w as i64, h as i64])
    }

    /// Shows the next picture as a newly opened chart: its overview, without gliding.
    pub fn reset(&mut self) {
        let size = self.size;
        *self = Canvas::default();
        self.size = size;
    }

    /// Where a chart rectangle was drawn at the last frame, in screen points, with the part
    /// of the screen the canvas took; `None` before the first frame.
    pub fn on_screen(&self, r: &crate::layout::Rect) -> Option<(Rect, Rect)> {
        let view = self.area?;
        Some((self.rect_to_screen(view, r), view))
    }

    /// Screen points per chart unit.
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// The canvas's shape, width over height, in steps of a tenth so that small changes of
    /// the window's size do not lay the chart out again; 16:10 before the first frame.
    pub fn aspect(&self) -> f64 {
        let Some(size) = self.size.filter(|s| s.x > 1.0 && s.y > 1.0) else {
            return crate::layout::Options::default().aspect;
        };
        (f64::from((size.x + self.lent) / size.y) * 10.0)
            .round()
            .clamp(3.0, 60.0)
            / 10.0
    }

    /// Zooms by `factor` around the centre of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_request = Some(self.zoom_request.unwrap_or(1.0) * factor);
    }

    /// Fits the whole chart in view, but never a small chart below a readable size: that
    /// one is shown from its top, centred across.
    fn fit(&mut self, view: Rect, scene: &Scene) {
        let (w, h) = (scene.width.max(1.0) as f32, scene.height.max(1.0) as f32);
        let mut zoom = ((view.width() - 16.0) / w)
            .min((view.height() - 16.0) / h)
            .clamp(MIN_ZOOM, 1.5);
        if scene.cards.len() <= SMALL_CHART {
            zoom = zoom.max(READABLE);
        }
        self.zoom = zoom;
        self.offset = Vec2::new(
            ((view.width() - w * zoom) / 2.0).max(8.0_f32.min(view.width() - w * zoom)),
            ((view.height() - h * zoom) / 2.0).max(8.0_f32.min(view.height() - h * zoom)),
        );
        if w * zoom > view.width() {
            self.offset.x = (view.width() - w * zoom) / 2.0;
        }
        if h * zoom > view.height() {
            self.offset.y = 0.0;
        }
    }

    /// The first view of a chart: all of it if that is readable, else the top of its
    /// hierarchy (the layout puts it at the top left) at a readable size, the minimap
    /// showing the rest.
    fn overview(&mut self, view: Rect, scene: &Scene) {
        self.overview_of = Some((scene.width, scene.height));
        self.fit(view, scene);
        if self.zoom < READABLE {
            self.zoom = READABLE;
            self.offset = Vec2::new(8.0, 8.0);
        }
    }

    /// Zooms by `factor` keeping the chart point under `at` (a screen point) in place.
    fn zoom_around(&mut self, view: Rect, at: Pos2, factor: f32) {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor = at - view.min;
        let chart = (anchor - self.offset) / self.zoom;
        self.zoom = zoom;
        self.offset = anchor - chart * zoom;
    }

    fn to_screen(&self, view: Rect, x: f64, y: f64) -> Pos2 {
        view.min + self.offset + Vec2::new(x as f32, y as f32) * self.zoom
    }

    fn rect_to_screen(&self, view: Rect, r: &crate::layout::Rect) -> Rect {
        Rect::from_min_size(
            self.to_screen(view, r.x, r.y),
            Vec2::new(r.w as f32, r.h as f32) * self.zoom,
        )
    }

    /// The card under a screen point.
    fn hit(&self, view: Rect, scene: &Scene, at: Pos2) -> Option<PostId> {
        (scene.cards.iter().rev())
            .find(|(_, r)| self.rect_to_screen(view, r).contains(at))
            .map(|(post, _)| *post)
    }
}

fn colour(c: Colour, alpha: f32) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, (f32::from(c.a) * alpha).round() as u8)
}

/// Draws the canvas and handles its input.
pub fn show(app: &mut GovchartApp, ui: &mut egui::Ui) {
    let scene = app.shown().scene.clone();
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let view = response.rect;
    let now = ui.input(|i| i.time);
    let canvas = &mut app.canvas;
    let first = canvas.size.is_none();
    canvas.size = Some(view.size());
    canvas.lent = canvas.lend;
    canvas.area = Some(view);
    if first {
        // The chart is laid out for the canvas's shape, known only now: draw from the next
        // frame, laid out for it.
        ui.ctx().request_repaint();
        return;
    }
    let resized = canvas
        .overview_of
        .is_some_and(|size| size != (scene.width, scene.height));
    if canvas.zoom == 0.0 || resized {
        canvas.overview(view, &scene);
    } else if canvas.fit_next {
        canvas.overview_of = Some((scene.width, scene.height));
        canvas.fit(view, &scene);
        canvas.fit_next = false;
    }
    // A new picture: glide from the old one if cards moved, came or went.
    if canvas
        .last
        .as_ref()
        .is_none_or(|last| !Arc::ptr_eq(last, &scene))
    {
        if let Some(last) = canvas.last.take()
            && !crate::scene::same_cards(&last, &scene)
        {
            canvas.transition = Some(Transition {
                tween: Tween::new(last, scene.clone()),
                start: now,
            });
        }
        canvas.last = Some(scene.clone());
    }
    // Pan and zoom.
    if response.dragged() {
        canvas.offset += response.drag_delta();
        canvas.overview_of = None;
    }
    if let Some(factor) = canvas.zoom_request.take() {
        canvas.zoom_around(view, view.center(), factor);
        canvas.overview_of = None;
    }
    if let Some(at) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = pinch * (scroll.y / 240.0).exp();
        if factor != 1.0 {
            canvas.zoom_around(view, at, factor);
            canvas.overview_of = None;
        }
        if scroll.x != 0.0 {
            canvas.offset.x += scroll.x;
            canvas.overview_of = None;
        }
    }
    // Tried once: a post that is folded away is not on the picture to centre.
    if let Some(post) = canvas.centre_on.take()
        && let Some((_, r)) = scene.cards.iter().find(|(p, _)| *p == post)
    {
        let centre = canvas.rect_to_screen(view, r).center();
        canvas.offset += view.center() - centre;
        canvas.overview_of = None;
    }

    let painter = painter.with_clip_rect(view);
    painter.rect_filled(view, 0.0, colour(scene.background, 1.0));
    let progress = canvas
        .transition
        .as_ref()
        .map(|t| ease(((now - t.start) / GLIDE) as f32));
    if progress.is_some_and(|p| p >= 1.0) {
        canvas.transition = None;
    }
    let progress = progress.filter(|&p| p < 1.0);
    if progress.is_some() {
        ui.ctx().request_repaint();
    }
    let canvas = &app.canvas;
    let draw = Drawer {
        canvas,
        view,
        painter: &painter,
        metrics: Metrics::get(),
    };
    match (progress, &canvas.transition) {
        (Some(p), Some(t)) if Arc::ptr_eq(t.tween.target(), &scene) => {
            for drawn in t.tween.frame(p) {
                let (dx, dy) = drawn.shift;
                draw.item(drawn.item, Vec2::new(dx as f32, dy as f32), drawn.alpha);
            }
        }
        _ => {
            for item in &scene.items {
                draw.item(item, Vec2::ZERO, 1.0);
            }
        }
    }

    // Selection.
    let accent = ui.visuals().selection.stroke.color;
    if let Some(selected) = app.session.selected
        && let Some((_, r)) = scene.cards.iter().find(|(p, _)| *p == selected)
    {
        let r = canvas.rect_to_screen(view, r).expand(3.0);
        painter.rect_stroke(
            r,
            8.0,
            egui::Stroke::new(2.5, accent),
            egui::StrokeKind::Outside,
        );
    }
    if scene.cards.is_empty() {
        painter.text(
            view.center(),
            egui::Align2::CENTER_CENTER,
            "Nothing on the chart on this date",
            egui::FontId::proportional(16.0),
            ui.visuals().weak_text_color(),
        );
    }

    // Cards as widgets: clickable, and named for screen readers and tests.
    // Every card is in the accessibility tree, also those scrolled out of view, so a screen
    // reader can reach them all.
    // On larger charts, the cards in view (while they are readable).
    let all = scene.cards.len() <= MOST_WIDGETS;
    let visible: Vec<(usize, Rect)> = (scene.cards.iter().enumerate())
        .map(|(i, (_, r))| (i, canvas.rect_to_screen(view, r)))
        .filter(|(_, r)| all || (r.intersects(view) && r.width() >= 24.0))
        .collect();
    let mut clicked = None;
    let mut double_clicked = None;
    let mut hovered = None;
    let mut cards = Vec::new();
    let mut dropped = None;
    if visible.len() <= MOST_WIDGETS {
        let shown = app.shown.as_ref().map(|s| &s.snapshot);
        for (i, r) in visible {
            let post = scene.cards[i].0;
            let id = response.id.with(("card", post.0));
            let card = ui.interact(r, id, Sense::click_and_drag());
            // Named only when something reads the accessibility tree.
            card.widget_info(|| {
                let label = shown.map_or_else(String::new, |s| {
                    crate::timeline::holding::card_label(&app.session.doc.chart, s, post)
                });
                egui::WidgetInfo::labeled(egui::Role::Button, true, label)
            });
            if card.clicked() {
                clicked = Some(post);
            }
            if card.double_clicked() {
                double_clicked = Some(post);
            }
            if card.hovered() {
                hovered = Some((post, card.clone()));
            }
            if card.drag_started() {
                app.canvas.dragging = Some((post, app.session.doc.generation));
            }
            if card.drag_stopped() {
                dropped = card.interact_pointer_pos().map(|at| (post, at));
            }
            cards.push((post, card));
        }
    }
    drag_card_ui(app, ui, view, &scene, dropped);
    for (post, card) in &cards {
        card.context_menu(|ui| crate::app::editor::card_menu_ui(app, ui, *post));
    }
    let canvas = &app.canvas;
    let mut clear_selection = false;
    if response.clicked() {
        clicked = Some(
            response
                .interact_pointer_pos()
                .and_then(|at| canvas.hit(view, &scene, at)),
        )
        .flatten();
        clear_selection = clicked.is_none();
    }
    if response.double_clicked() {
        double_clicked = response
            .interact_pointer_pos()
            .and_then(|at| canvas.hit(view, &scene, at));
    }
    let hovered = hovered.or_else(|| {
        let at = response.hover_pos()?;
        let post = canvas.hit(view, &scene, at)?;
        Some((post, response.clone()))
    });
    if clear_selection {
        app.send(Command::Select {
            post: None,
            centre: false,
        });
    }
    if let Some(post) = clicked {
        app.send(Command::Select {
            post: Some(post),
            centre: false,
        });
    }
    if let Some(post) = double_clicked {
        app.send(Command::ToggleFold(post));
    }
    if let Some((post, target)) = hovered
        && let Some(shown) = app.shown.as_ref()
    {
        let chart = &app.session.doc.chart;
        let snapshot = &shown.snapshot;
        target.on_hover_ui_at_pointer(|ui| tooltip(ui, chart, snapshot, post));
    }
    minimap(app, ui, view, &scene);
    overlay_buttons(app, ui, view);
    // Panning, zooming or fitting may have moved the view out of the part made: make the
    // next frame now rather than at the next input.
    if app
        .shown
        .as_ref()
        .is_some_and(|s| s.region() != app.wanted_region())
    {
        ui.ctx().request_repaint();
    }
}

/// While a card is dragged: a line from it to the pointer, and the card under the pointer
/// outlined with what dropping there does; dropped there, the post reports to that one from
/// the day shown.
fn drag_card_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    view: Rect,
    scene: &Scene,
    dropped: Option<(PostId, Pos2)>,
) {
    let Some((source, generation)) = app.canvas.dragging else {
        return;
    };
    if generation != app.session.doc.generation {
        app.canvas.dragging = None;
        return;
    }
    let canvas = &app.canvas;
    let pointer = match dropped {
        Some((_, at)) => Some(at),
        None => ui.input(|i| i.pointer.interact_pos()),
    };
    let target = pointer
        .and_then(|at| canvas.hit(view, scene, at))
        .filter(|&t| t != source);
    let chart = &app.session.doc.chart;
    let on = crate::date::PartialDate::from_day(app.session.day).human();
    if let (Some(at), Some((_, from))) = (pointer, scene.cards.iter().find(|(p, _)| *p == source)) {
        let painter = ui.painter_at(view);
        let accent = ui.visuals().selection.stroke.color;
        let from = canvas.rect_to_screen(view, from);
        painter.rect_stroke(from, 6.0, (1.5, accent), egui::StrokeKind::Outside);
        painter.arrow(from.center(), at - from.center(), (2.0, accent));
        let text = match target {
            Some(t) => format!(
                "{} reports to {} from {on}",
                chart.post(source).title,
                chart.post(t).title
            ),
            None => "Drop on the post it is to report to".to_owned(),
        };
        if let Some((_, r)) = target.and_then(|t| scene.cards.iter().find(|(p, _)| *p == t)) {
            let r = canvas.rect_to_screen(view, r).expand(4.0);
            painter.rect_stroke(r, 8.0, (3.0, accent), egui::StrokeKind::Outside);
        }
        let galley = painter.layout_no_wrap(
            text,
            egui::FontId::proportional(13.0),
            ui.visuals().strong_text_color(),
        );
        let place =
            egui::Rect::from_min_size(at + Vec2::new(14.0, 14.0), galley.size()).expand(4.0);
        painter.rect_filled(place, 4.0, ui.visuals().extreme_bg_color);
        painter.galley(place.min + Vec2::splat(4.0), galley, Color32::PLACEHOLDER);
    }
    if dropped.is_some() || !ui.input(|i| i.pointer.any_down()) {
        app.canvas.dragging = None;
        if let (Some((source, _)), Some(target)) = (dropped, target) {
            let post = chart.post(source).key.to_string();
            let manager = chart.post(target).key.to_string();
            app.send(Command::Edit(crate::session::Edit::ReportTo {
                post,
                manager: Some(manager),
                from: app.session.day,
            }));
        }
    }
}

fn tooltip(
    ui: &mut egui::Ui,
    chart: &crate::model::Chart,
    snapshot: &crate::timeline::Snapshot,
    post: PostId,
) {
    ui.strong(chart.post(post).title.as_str());
    let holders = snapshot.holders_of(post);
    if snapshot.post(post).is_none() {
        ui.label("Not on the chart on this date");
    } else if holders.is_empty() {
        ui.label("Vacant");
    }
    for h in holders {
        let tenure = chart.tenure(h.tenure);
        ui.label(crate::timeline::holding::label(
            chart,
            holders,
            h,
            snapshot.day,
        ));
        ui.label(format!(
            "{} · {}",
            crate::timeline::holding::since(chart, h, snapshot.day),
            tenure.fact.certainty.as_str()
        ));
    }
    ui.weak("Click to inspect, double-click to fold its reports");
}

/// Paints scene items.
struct Drawer<'a> {
    canvas: &'a Canvas,
    view: Rect,
    painter: &'a egui::Painter,
    metrics: &'static Metrics,
}

impl Drawer<'_> {
    fn item(&self, item: &Item, shift: Vec2, alpha: f32) {
        let zoom = self.canvas.zoom;
        let at = |x: f64, y: f64| self.canvas.to_screen(self.view, x, y) + shift * zoom;
        match item {
            Item::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => {
                let r = Rect::from_min_size(
                    at(rect.x, rect.y),
                    Vec2::new(rect.w as f32, rect.h as f32) * zoom,
                );
                if !r.intersects(self.view) {
                    return;
                }
                let radius = radius * zoom;
                if let Some(fill) = fill {
                    self.painter.rect_filled(r, radius, colour(*fill, alpha));
                }
                if let Some(stroke) = stroke {
                    let s = egui::Stroke::new(
                        (stroke.width * zoom).max(0.5),
                        colour(stroke.colour, alpha),
                    );
                    match stroke.dash {
                        None => {
                            self.painter
                                .rect_stroke(r, radius, s, egui::StrokeKind::Middle);
                        }
                        Some((dash, gap)) => {
                            let corners = [
                                r.left_top(),
                                r.right_top(),
                                r.right_bottom(),
                                r.left_bottom(),
                                r.left_top(),
                            ];
                            self.painter.extend(Shape::dashed_line(
                                &corners,
                                s,
                                (dash * zoom).max(1.0),
                                (gap * zoom).max(1.0),
                            ));
                        }
                    }
                }
            }
            Item::Path { points, stroke } => {
                if points.len() < 2 {
                    return;
                }
                let pts: Vec<Pos2> = points.iter().map(|p| at(p.x, p.y)).collect();
                let bounds = Rect::from_points(&pts).expand(2.0);
                if !bounds.intersects(self.view) {
                    return;
                }
                let s =
                    egui::Stroke::new((stroke.width * zoom).max(0.5), colour(stroke.colour, alpha));
                // Dashes are cut only for what is in view, and only where they can be seen.
                match stroke.dash {
                    Some((dash, gap)) if zoom >= 0.25 => {
                        let area = self.view.expand(8.0);
                        for pair in pts.windows(2) {
                            if let Some(part) = clip(pair[0], pair[1], area) {
                                self.painter.extend(Shape::dashed_line(
                                    &part,
                                    s,
                                    (dash * zoom).max(1.0),
                                    (gap * zoom).max(1.0),
                                ));
                            }
                        }
                    }
                    Some(_) => {
                        let faint = egui::Stroke::new(s.width, s.color.gamma_multiply(0.6));
                        self.painter.add(Shape::line(pts, faint));
                    }
                    None => {
                        self.painter.add(Shape::line(pts, s));
                    }
                }
            }
            Item::Text {
                at: p,
                text,
                size,
                colour: c,
            } => {
                let px = size * zoom;
                if px < SMALLEST_TEXT {
                    return;
                }
                let top = at(p.x, p.y - f64::from(self.metrics.ascent(*size)));
                let width = self.metrics.width(text, *size) * zoom;
                if !Rect::from_min_size(top, Vec2::new(width, px * 1.3)).intersects(self.view) {
                    return;
                }
                self.painter.text(
                    top,
                    egui::Align2::LEFT_TOP,
                    text,
                    egui::FontId::proportional(px),
                    colour(*c, alpha),
                );
            }
        }
    }
}

/// The part of the segment from `a` to `b` inside `area` (Liang–Barsky), if any.
fn clip(a: Pos2, b: Pos2, area: Rect) -> Option<[Pos2; 2]> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - area.left()),
        (d.x, area.right() - a.x),
        (-d.y, a.y - area.top()),
        (d.y, area.bottom() - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then(|| [a + d * t0, a + d * t1])
}

/// An overview of a chart larger than the canvas, with the part in view outlined; click or
/// drag in it to move there.
fn minimap(app: &mut GovchartApp, ui: &mut egui::Ui, view: Rect, scene: &Scene) {
    let canvas = &app.canvas;
    let (w, h) = (
        scene.width as f32 * canvas.zoom,
        scene.height as f32 * canvas.zoom,
    );
    if w <= view.width() * 1.2 && h <= view.height() * 1.2 {
        return;
    }
    let aspect = (scene.height / scene.width.max(1.0)) as f32;
    let size = if aspect < 0.75 {
        Vec2::new(220.0, (220.0 * aspect).max(24.0))
    } else {
        Vec2::new((165.0 / aspect).max(24.0), 165.0)
    };
    let area = Rect::from_min_size(view.right_bottom() - size - Vec2::splat(12.0), size);
    let scale = size.x / scene.width.max(1.0) as f32;
    let response = ui.interact(area, ui.scope_id().with("minimap"), Sense::click_and_drag());
    let painter = ui.painter().with_clip_rect(area.expand(1.0));
    let visuals = ui.visuals();
    painter.rect(
        area,
        4.0,
        visuals.extreme_bg_color.gamma_multiply(0.92),
        visuals.window_stroke,
        egui::StrokeKind::Outside,
    );
    let step = (scene.cards.len() / 6000).max(1);
    let ink = visuals.weak_text_color();
    for (_, r) in scene.cards.iter().step_by(step) {
        let rr = Rect::from_min_size(
            area.min + Vec2::new(r.x as f32, r.y as f32) * scale,
            Vec2::new(r.w as f32, r.h as f32) * scale,
        );
        painter.rect_filled(rr, 0.0, ink);
    }
    let shown = Rect::from_min_size(
        area.min + (-canvas.offset / canvas.zoom) * scale,
        view.size() / canvas.zoom * scale,
    );
    painter.rect_stroke(
        shown.intersect(area),
        0.0,
        egui::Stroke::new(1.5, visuals.selection.stroke.color),
        egui::StrokeKind::Middle,
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Minimap"));
    if let Some(at) = response.interact_pointer_pos()
        && (response.dragged() || response.clicked())
    {
        let chart_point = (at - area.min) / scale;
        let canvas = &mut app.canvas;
        canvas.offset = view.size() / 2.0 - chart_point * canvas.zoom;
    }
}

/// Fit and zoom buttons in the canvas's top right corner.
fn overlay_buttons(app: &mut GovchartApp, ui: &mut egui::Ui, view: Rect) {
    let size = Vec2::new(34.0, 24.0);
    let mut x = view.right() - 12.0;
    for (label, hint) in [
        ("-", "Zoom out (-)"),
        ("+", "Zoom in (+)"),
        ("Fit", "Fit the chart (F)"),
    ] {
        x -= size.x + 4.0;
        let r = Rect::from_min_size(Pos2::new(x, view.top() + 10.0), size);
        if ui
            .put(r, egui::Button::new(label))
            .on_hover_text(hint)
            .clicked()
        {
            match label {
                "Fit" => app.canvas.fit_next = true,
                "+" => app.canvas.zoom_by(1.25),
                _ => app.canvas.zoom_by(0.8),
            }
        }
    }
}
