//! Properties of the layered layout on random graphs: edges of a DAG point down, boxes
//! never overlap, routes start and end on their boxes, the same input gives the same
//! layout.

use marrow::render::diagram::layout::{Layout, LayoutInput, layout};
use proptest::prelude::*;

fn input(sizes: Vec<(f64, f64)>, edges: Vec<(usize, usize)>) -> LayoutInput {
    let groups = (0..sizes.len())
        .map(|i| (i % 3 == 0).then_some(i % 2))
        .collect();
    LayoutInput {
        sizes,
        edges,
        groups,
        layer_gap: 50.0,
        node_gap: 20.0,
    }
}

/// Random node sizes and edge lists over them; `dag` keeps only edges from lower to
/// higher index.
fn graph(dag: bool) -> impl Strategy<Value = LayoutInput> {
    (1usize..28).prop_flat_map(move |n| {
        let sizes = prop::collection::vec((40u32..220, prop::bool::ANY), n).prop_map(|v| {
            v.into_iter()
                .map(|(w, tall)| (w as f64, if tall { 44.0 } else { 32.0 }))
                .collect::<Vec<_>>()
        });
        let edges = prop::collection::vec((0..n, 0..n), 0..(3 * n)).prop_map(move |v| {
            v.into_iter()
                .filter_map(|(a, b)| match (dag, a.cmp(&b)) {
                    (true, std::cmp::Ordering::Less) => Some((a, b)),
                    (true, std::cmp::Ordering::Greater) => Some((b, a)),
                    (true, std::cmp::Ordering::Equal) => None,
                    (false, _) => Some((a, b)),
                })
                .collect::<Vec<_>>()
        });
        (sizes, edges).prop_map(|(s, e)| input(s, e))
    })
}

fn no_overlaps(l: &Layout) -> Result<(), TestCaseError> {
    for i in 0..l.nodes.len() {
        for j in i + 1..l.nodes.len() {
            prop_assert!(
                !l.nodes[i].overlaps(&l.nodes[j]),
                "nodes {i} {:?} and {j} {:?} overlap",
                l.nodes[i],
                l.nodes[j]
            );
        }
        prop_assert!(l.nodes[i].x >= 0.0 && l.nodes[i].y >= 0.0);
        prop_assert!(l.nodes[i].right() <= l.width + 0.5 && l.nodes[i].bottom() <= l.height + 0.5);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn dag_edges_point_down(g in graph(true)) {
        let l = layout(&g);
        for &(a, b) in &g.edges {
            prop_assert!(l.layers[a] < l.layers[b], "edge {a}->{b} layers {} {}", l.layers[a], l.layers[b]);
            prop_assert!(l.nodes[a].bottom() < l.nodes[b].y);
        }
        no_overlaps(&l)?;
    }

    #[test]
    fn any_graph_is_laid_out_without_overlaps(g in graph(false)) {
        let l = layout(&g);
        prop_assert_eq!(l.routes.len(), g.edges.len());
        no_overlaps(&l)?;
        for (&(a, b), r) in g.edges.iter().zip(&l.routes) {
            let (Some(&first), Some(&last)) = (r.points.first(), r.points.last()) else {
                return Err(TestCaseError::fail("an empty route"));
            };
            let on = |p: (f64, f64), n: usize| {
                let b = l.nodes[n];
                p.0 >= b.x && p.0 <= b.right() && (p.1 == b.y || p.1 == b.bottom() || (p.0 == b.right() && p.1 > b.y && p.1 < b.bottom()))
            };
            prop_assert!(on(first, a), "route of {a}->{b} starts off its source: {:?} {:?}", first, l.nodes[a]);
            prop_assert!(on(last, b), "route of {a}->{b} ends off its target: {:?} {:?}", last, l.nodes[b]);
        }
    }

    #[test]
    fn layout_is_deterministic(g in graph(false)) {
        prop_assert_eq!(layout(&g), layout(&g));
    }
}
