//! The tree a layout works on: nodes with a parent each (or none, for roots), children
//! stored contiguously, built in one pass from parent links.

/// "No node".
pub const NONE: u32 = u32::MAX;

/// A forest over nodes `0..n`, children of each node stored contiguously in order. Only
/// [`Forest::from_parents`] makes one, so its children lists always match its parents: every
/// node is reached exactly once from the roots.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Forest {
    /// Each node's parent, or [`NONE`].
    parent: Vec<u32>,
    /// Node `i`'s children are `children[first[i]..first[i + 1]]`.
    first: Vec<u32>,
    /// Children of every node, node by node.
    children: Vec<u32>,
    /// Nodes without a parent, in order.
    roots: Vec<u32>,
}

impl Forest {
    /// Builds the forest from each node's parent (or [`NONE`]). Children keep node order.
    /// A parent link that would close a loop is dropped, making that node a root.
    pub fn from_parents(mut parent: Vec<u32>) -> Self {
        let n = parent.len();
        break_loops(&mut parent);
        let mut first = vec![0u32; n + 1];
        for &p in &parent {
            if p != NONE {
                first[p as usize + 1] += 1;
            }
        }
        for i in 1..=n {
            first[i] += first[i - 1];
        }
        let mut next = first.clone();
        let mut children = vec![0u32; first[n] as usize];
        let mut roots = Vec::new();
        for (i, &p) in parent.iter().enumerate() {
            if p == NONE {
                roots.push(i as u32);
            } else {
                let slot = &mut next[p as usize];
                children[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        Forest {
            parent,
            first,
            children,
            roots,
        }
    }

    /// Each node's parent, or [`NONE`].
    pub fn parent(&self) -> &[u32] {
        &self.parent
    }

    /// Nodes without a parent, in order.
    pub fn roots(&self) -> &[u32] {
        &self.roots
    }

    /// How many nodes.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Whether it has no nodes.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// A node's children.
    pub fn children_of(&self, node: u32) -> &[u32] {
        let i = node as usize;
        &self.children[self.first[i] as usize..self.first[i + 1] as usize]
    }

    /// Whether a node has no children, read from the offsets alone (a number past the
    /// forest's nodes has none either).
    pub fn is_leaf(&self, node: u32) -> bool {
        let i = node as usize;
        (self.first.get(i + 1)).is_none_or(|&to| self.first[i] == to)
    }

    /// Every node, parents before children (roots in order, then breadth first).
    pub fn top_down(&self) -> Vec<u32> {
        let mut order = Vec::with_capacity(self.len());
        order.extend_from_slice(&self.roots);
        let mut at = 0;
        while at < order.len() {
            let node = order[at];
            order.extend_from_slice(self.children_of(node));
            at += 1;
        }
        order
    }

    /// How many nodes lie below each node.
    pub fn descendants(&self) -> Vec<u32> {
        let mut count = vec![0u32; self.len()];
        for &node in self.top_down().iter().rev() {
            let p = self.parent[node as usize];
            if p != NONE {
                count[p as usize] += count[node as usize] + 1;
            }
        }
        count
    }
}

/// Cuts parent links that close a loop (the chart's checks forbid them, but a layout must
/// never hang): walks each chain once, colouring nodes as it goes.
fn break_loops(parent: &mut [u32]) {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut node = start as u32;
        while node != NONE && state[node as usize] == NEW {
            state[node as usize] = ON_PATH;
            path.push(node);
            let p = parent[node as usize];
            if p != NONE && state[p as usize] == ON_PATH {
                parent[node as usize] = NONE;
                break;
            }
            node = p;
        }
        for n in path.drain(..) {
            state[n as usize] = DONE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_are_contiguous_and_ordered() {
        let forest = Forest::from_parents(vec![NONE, 0, 0, 1, NONE, 1]);
        assert_eq!(forest.roots, [0, 4]);
        assert_eq!(forest.children_of(0), [1, 2]);
        assert_eq!(forest.children_of(1), [3, 5]);
        assert_eq!(forest.top_down(), [0, 4, 1, 2, 3, 5]);
        assert_eq!(forest.descendants(), [4, 2, 0, 0, 0, 0]);
        let leaves: Vec<u32> = (0..8).filter(|&v| forest.is_leaf(v)).collect();
        assert_eq!(leaves, [2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn loops_are_cut_not_followed() {
        let forest = Forest::from_parents(vec![1, 2, 0, 2]);
        assert_eq!(forest.roots.len(), 1);
        assert_eq!(forest.top_down().len(), 4);
    }
}
