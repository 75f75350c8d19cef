//! Which layer each node goes in: cycles broken, longest-path layers, edges shortened.

/// Each edge as it is laid out: `(upper, lower, reversed)`; self-loops are `None`.
pub(super) fn break_cycles(
    n: usize,
    edges: &[(usize, usize)],
) -> Vec<Option<(usize, usize, bool)>> {
    let mut out_edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        if a != b {
            out_edges[a].push((b, i));
            indeg[b] += 1;
        }
    }
    // 0 unvisited, 1 on the stack, 2 done.
    let mut mark = vec![0u8; n];
    let mut reversed = vec![false; edges.len()];
    let starts = (0..n).filter(|&v| indeg[v] == 0).chain(0..n);
    for s in starts {
        if mark[s] != 0 {
            continue;
        }
        mark[s] = 1;
        let mut stack = vec![(s, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (v, k) = *top;
            if let Some(&(w, ei)) = out_edges[v].get(k) {
                top.1 += 1;
                match mark[w] {
                    0 => {
                        mark[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reversed[ei] = true,
                    _ => {}
                }
            } else {
                mark[v] = 2;
                stack.pop();
            }
        }
    }
    edges
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| match (a == b, reversed[i]) {
            (true, _) => None,
            (false, false) => Some((a, b, false)),
            (false, true) => Some((b, a, true)),
        })
        .collect()
}

/// Longest-path layers; then each source moves down to just above its nearest successor.
pub(super) fn assign_layers(n: usize, dag: &[Option<(usize, usize, bool)>]) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for &(a, b, _) in dag.iter().flatten() {
        succ[a].push(b);
        indeg[b] += 1;
    }
    let mut layer = vec![0usize; n];
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    while let Some(v) = queue.pop_front() {
        topo.push(v);
        for &w in &succ[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    balance_layers(n, dag, &topo, &mut layer);
    layer
}

/// Shorten edges: a node with more edges below it than above moves down as far as its
/// successors allow, one with more above moves up as far as its predecessors allow
/// (the promotion heuristic; sinks stay just below their lowest predecessor).
fn balance_layers(
    n: usize,
    dag: &[Option<(usize, usize, bool)>],
    topo: &[usize],
    layer: &mut [usize],
) {
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _) in dag.iter().flatten() {
        succs[a].push(b);
        preds[b].push(a);
    }
    for _ in 0..8 {
        let mut moved = false;
        for &v in topo.iter().rev() {
            let (ins, outs) = (preds[v].len(), succs[v].len());
            let Some(hi) = succs[v].iter().map(|&w| layer[w]).min() else {
                continue;
            };
            let hi = hi - 1;
            let lo = preds[v].iter().map(|&w| layer[w] + 1).max().unwrap_or(0);
            let to = if outs > ins {
                hi
            } else if ins > outs {
                lo
            } else {
                layer[v]
            };
            if to != layer[v] && lo <= hi {
                layer[v] = to.clamp(lo, hi);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}
