//! The trees the layout benchmarks share: the primary reporting tree of every post that
//! `govchart generate --seed 7` makes, with card widths from each post's title.

use govchart::layout::{Forest, NONE, Size};

/// Sizes to measure, from `GOVCHART_BENCH_SIZES` (comma-separated) or 10k, 100k and 1M.
pub fn sizes() -> Vec<usize> {
    std::env::var("GOVCHART_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

/// A generated chart's posts as a forest, with a box size per post.
pub fn generated_tree(
    posts: usize,
) -> (govchart::io::format::ChartFile<'static>, Forest, Vec<Size>) {
    let file = govchart::generate::generate(posts, 7);
    let index = |id: &str| id.strip_prefix('p').and_then(|n| n.parse::<u32>().ok());
    let parent: Vec<u32> = (file.posts.iter())
        .map(|p| p.lines.first().and_then(|l| index(&l.to)).unwrap_or(NONE))
        .collect();
    // A card wide enough for its title (about 7 units a character, plus padding).
    let boxes: Vec<Size> = (file.posts.iter())
        .map(|p| Size {
            w: 24.0 + 7.0 * p.title.chars().count().max(22) as f64,
            h: 64.0,
        })
        .collect();
    (file, Forest::from_parents(parent), boxes)
}
