//! What the window tests share.

use std::path::Path;

use egui_kittest::Harness;
use govchart::app::GovchartApp;

/// A window on the built-in chart whose recovery files go to `data`.
pub fn window(data: &Path) -> Harness<'static, GovchartApp> {
    let data = data.to_path_buf();
    let mut harness = Harness::builder()
        .with_size([1500.0, 950.0])
        .with_max_steps(12)
        .build_eframe(move |cc| {
            let mut app = GovchartApp::from_creation(cc, None);
            app.session.data_dir = Some(data.clone());
            app
        });
    harness.run();
    harness
}
