//! The tree of visible posts at a date: primary reporting lines between posts that exist,
//! with collapsed subtrees folded into their root.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::layout::forest::{Forest, NONE};
use crate::model::{OrgId, PostId};
use crate::timeline::Snapshot;

/// The posts to draw and how they hang together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    /// The post each node shows, in snapshot order.
    pub posts: Vec<PostId>,
    /// Reporting lines between nodes.
    pub forest: Forest,
    /// For each node, how many posts its collapsed subtree hides (0 when expanded).
    pub hidden: Vec<u32>,
}

impl Tree {
    /// The visible posts of a snapshot. A post's parent is the post it reports to; posts
    /// below a collapsed post are hidden and counted on it.
    pub fn from_snapshot(snapshot: &Snapshot, collapsed: &FxHashSet<PostId>) -> Tree {
        let posts: Vec<PostId> = snapshot.posts.iter().map(|v| v.post).collect();
        // Nodes are in snapshot order, so a post's node is its position in the snapshot.
        let parent: Vec<u32> = (snapshot.posts.iter())
            .map(|v| {
                v.reports_to
                    .and_then(|p| snapshot.position(p))
                    .map_or(NONE, |i| i as u32)
            })
            .collect();
        let full = Forest::from_parents(parent);
        if collapsed.is_empty() {
            let hidden = vec![0; posts.len()];
            return Tree {
                posts,
                forest: full,
                hidden,
            };
        }
        // Walk down from the roots; below a collapsed node, nodes are hidden.
        let mut keep = vec![true; posts.len()];
        let mut hidden = vec![0u32; posts.len()];
        let counts = full.descendants();
        for &node in &full.top_down() {
            let p = full.parent()[node as usize];
            let parent_hides =
                p != NONE && (!keep[p as usize] || collapsed.contains(&posts[p as usize]));
            if parent_hides {
                keep[node as usize] = false;
            } else if collapsed.contains(&posts[node as usize]) {
                hidden[node as usize] = counts[node as usize];
            }
        }
        let whole = Tree {
            posts,
            forest: full,
            hidden,
        };
        let kept: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).collect();
        whole.nodes(&kept)
    }

    /// The tree of some of its nodes, `order[i]` being the node that becomes node `i`; a
    /// node whose parent is left out becomes a root.
    pub fn nodes(&self, order: &[usize]) -> Tree {
        let mut new_index = vec![NONE; self.posts.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new as u32;
        }
        let parent = order
            .iter()
            .map(|&old| {
                let p = self.forest.parent()[old];
                if p == NONE {
                    NONE
                } else {
                    new_index[p as usize]
                }
            })
            .collect();
        Tree {
            posts: order.iter().map(|&i| self.posts[i]).collect(),
            forest: Forest::from_parents(parent),
            hidden: order.iter().map(|&i| self.hidden[i]).collect(),
        }
    }
}

impl Tree {
    /// The posts shown on any of `snapshots`, for a layout that keeps their places across
    /// dates or that shows two dates at once. A post hangs under its line manager in the
    /// first snapshot (in the order given) where it has one in the union, and is a root if it
    /// has none in any. Nodes are in chart order; `sources[i]` is the first snapshot that
    /// shows node `i`.
    pub fn union(snapshots: &[&Snapshot]) -> (Tree, Vec<u8>) {
        let snapshots = &snapshots[..snapshots.len().min(usize::from(u8::MAX))];
        // Each post's first snapshot, by the post's index; then the posts in chart order.
        let count = (snapshots.iter().flat_map(|s| s.posts.iter()))
            .map(|v| v.post.index() + 1)
            .max()
            .unwrap_or(0);
        let mut first = vec![u8::MAX; count];
        for (s, snapshot) in snapshots.iter().enumerate() {
            for view in &snapshot.posts {
                let slot = &mut first[view.post.index()];
                if *slot == u8::MAX {
                    *slot = s as u8;
                }
            }
        }
        let mut node = vec![NONE; count];
        let mut posts = Vec::new();
        let mut sources = Vec::new();
        for (i, &s) in first.iter().enumerate() {
            if s != u8::MAX {
                node[i] = posts.len() as u32;
                posts.push(PostId(i as u32));
                sources.push(s);
            }
        }
        let mut parent = vec![NONE; posts.len()];
        for snapshot in snapshots {
            for view in &snapshot.posts {
                let at = node[view.post.index()] as usize;
                if parent[at] != NONE {
                    continue;
                }
                let manager = view.reports_to.and_then(|m| node.get(m.index()));
                if let Some(&m) = manager.filter(|&&m| m != NONE) {
                    parent[at] = m;
                }
            }
        }
        let hidden = vec![0; posts.len()];
        let tree = Tree {
            posts,
            forest: Forest::from_parents(parent),
            hidden,
        };
        (tree, sources)
    }
}

impl Tree {
    /// The same tree with its trees grouped by the organisation of their roots (`orgs[i]` is
    /// node `i`'s), in order of each organisation's first root, so posts that stand alone
    /// sit beside the others of their organisation. Within a tree, order is kept. Returns
    /// the new tree and, for each new node, the node it was.
    pub fn grouped_by_organisation(&self, orgs: &[OrgId]) -> (Tree, Vec<usize>) {
        let n = self.posts.len();
        let forest = &self.forest;
        let mut root = vec![0usize; n];
        for node in forest.top_down() {
            let p = forest.parent()[node as usize];
            root[node as usize] = if p == NONE {
                node as usize
            } else {
                root[p as usize]
            };
        }
        let mut rank: FxHashMap<OrgId, usize> = FxHashMap::default();
        for &r in forest.roots() {
            let next = rank.len();
            rank.entry(orgs[r as usize]).or_insert(next);
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| rank.get(&orgs[root[i]]).copied().unwrap_or(usize::MAX));
        let tree = self.nodes(&order);
        (tree, order)
    }
}

/// The organisation of each node's post, on the day of the snapshot it was taken from
/// (`sources[i]` indexes `snapshots`; all from the first when `sources` is empty).
pub fn organisations(tree: &Tree, snapshots: &[&Snapshot], sources: &[u8]) -> Vec<OrgId> {
    (tree.posts.iter().enumerate())
        .map(|(i, &post)| {
            let s = sources.get(i).map_or(0, |&s| usize::from(s));
            snapshots
                .get(s)
                .and_then(|snapshot| snapshot.post(post))
                .map_or(OrgId(u32::MAX), |v| v.organisation)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Day;

    #[test]
    fn the_union_of_snapshots_hangs_each_post_as_the_first_that_shows_its_manager() {
        let chart = crate::generate::chart(800, 5);
        let days = [(2023, 6, 1), (2009, 3, 1), (2016, 1, 1), (2012, 7, 1)];
        let snapshots: Vec<Snapshot> = (days.iter())
            .map(|&(y, m, d)| Snapshot::at(&chart, Day::from_civil(y, m, d)))
            .collect();
        let refs: Vec<&Snapshot> = snapshots.iter().collect();
        let (tree, sources) = Tree::union(&refs);
        let mut all: Vec<PostId> = snapshots
            .iter()
            .flat_map(|s| s.posts.iter().map(|v| v.post))
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(tree.posts, all);
        assert!(
            all.len() > snapshots[1].posts.len(),
            "the days show different posts"
        );
        for (i, &post) in tree.posts.iter().enumerate() {
            let first = snapshots.iter().position(|s| s.post(post).is_some());
            assert_eq!(first, Some(usize::from(sources[i])));
            let manager = (snapshots.iter())
                .filter_map(|s| s.post(post)?.reports_to)
                .find(|m| all.binary_search(m).is_ok());
            let parent = tree.forest.parent()[i];
            let hung = (parent != NONE).then(|| tree.posts[parent as usize]);
            assert_eq!(hung, manager, "{post:?}");
        }
    }
}
