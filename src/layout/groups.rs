//! Which organisation container each post sits in, and how the containers relate: inside
//! the organisation they are part of, or below the department that sponsors them.

use rustc_hash::FxHashMap;

use crate::layout::Groups;
use crate::layout::forest::NONE;
use crate::model::{Chart, OrgId};
use crate::text::Metrics;
use crate::timeline::Snapshot;

/// Whether an organisation is a government department: the bodies that are part of it are
/// drawn below it, as bodies it sponsors, rather than inside it.
fn is_department(chart: &Chart, org: OrgId) -> bool {
    (chart.org(org).kind.as_deref()).is_some_and(|k| k.to_lowercase().contains("department"))
}

/// The containers for nodes whose organisations are `orgs` (one per node, as
/// [`crate::layout::organisations`] gives them), with each organisation's parents as they
/// stand in the first of `snapshots` where it exists.
///
/// An organisation sits inside a parent that is not a department (a directorate inside its
/// body, a body inside a joint arrangement); one whose parents are all departments sits
/// below the first of them. A container with no parent of its own whose members are
/// sponsored by a department sits below that department.
pub fn groups(chart: &Chart, snapshots: &[&Snapshot], orgs: &[OrgId]) -> Groups {
    let valid = |o: OrgId| o.index() < chart.organisations.len();
    let parents_of = |o: OrgId| -> Vec<OrgId> {
        (snapshots.iter())
            .find_map(|s| {
                let at = s.organisations.binary_search_by_key(&o, |v| v.org).ok()?;
                Some(s.organisations[at].parents.clone())
            })
            .unwrap_or_default()
    };
    let mut out = Groups::default();
    let mut index: FxHashMap<OrgId, u32> = FxHashMap::default();
    let mut add = |out: &mut Groups, o: OrgId| -> u32 {
        *index.entry(o).or_insert_with(|| {
            out.org.push(o);
            (out.org.len() - 1) as u32
        })
    };
    out.of_node = orgs.iter().map(|&o| add(&mut out, o)).collect();
    // Parents, adding the organisations they bring in as they come.
    let mut k = 0;
    while k < out.org.len() {
        let o = out.org[k];
        let parents = if valid(o) { parents_of(o) } else { Vec::new() };
        let chosen = (parents.iter())
            .find(|&&p| !is_department(chart, p))
            .map(|&p| (p, true))
            .or_else(|| parents.first().map(|&p| (p, false)));
        match chosen {
            Some((p, nested)) => {
                let pk = add(&mut out, p);
                out.parent.push(pk);
                out.nested.push(nested);
            }
            None => {
                out.parent.push(NONE);
                out.nested.push(false);
            }
        }
        k += 1;
    }
    sponsor_joint_arrangements(chart, &mut out, parents_of);
    let m = Metrics::get();
    for &o in &out.org {
        let label = if valid(o) {
            label(chart, o)
        } else {
            String::new()
        };
        out.label_width.push(f64::from(m.width(&label, 11.0)) + 8.0);
        out.label.push(label);
    }
    out
}

/// A container without a parent whose members a department sponsors hangs below that
/// department, so a joint arrangement of two bodies sits below their department.
fn sponsor_joint_arrangements(
    chart: &Chart,
    out: &mut Groups,
    parents_of: impl Fn(OrgId) -> Vec<OrgId>,
) {
    let g = out.org.len();
    for k in 0..g {
        if out.parent[k] != NONE {
            continue;
        }
        let sponsor = (0..g)
            .filter(|&c| out.parent[c] == k as u32 && out.nested[c])
            .flat_map(|c| parents_of(out.org[c]))
            .find(|&p| is_department(chart, p));
        let Some(sponsor) = sponsor else {
            continue;
        };
        if let Some(s) = out.org.iter().position(|&o| o == sponsor)
            && s != k
        {
            out.parent[k] = s as u32;
            out.nested[k] = false;
        }
    }
}

/// A container's label: the organisation's name, with its kind for joint bodies ("NHSX ·
/// joint unit of DHSC and NHS England and NHS Improvement").
fn label(chart: &Chart, org: OrgId) -> String {
    let org = chart.org(org);
    match org.kind.as_deref() {
        Some(kind) if kind.to_lowercase().contains("joint") => {
            let mut kind = kind.to_owned();
            if let Some(first) = kind.get(..1) {
                kind.replace_range(..1, &first.to_lowercase());
            }
            format!("{} \u{b7} {kind}", org.name)
        }
        _ => org.name.clone(),
    }
}
