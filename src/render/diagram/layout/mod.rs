//! A layered (Sugiyama-style) layout, small and deterministic.
//!
//! 1. cycles are broken by reversing the back edges of a depth-first search that starts
//!    from the sources (statement networks have feedback loops; derivations do not);
//! 2. layers by longest path, then nodes moved toward the side with more edges;
//! 3. edges longer than one layer get dummy nodes, so they bend around boxes;
//! 4. crossings are reduced by barycenter sweeps and neighbour swaps (transpose), keeping
//!    the best order seen; the members of a cluster are then made adjacent in each layer;
//! 5. x coordinates: repeated sweeps place each node at the mean of its neighbours, with
//!    overlaps resolved optimally per layer (isotonic regression with gaps);
//! 6. everything is rounded to whole pixels, so output is byte-stable.
//!
//! No hashing and no randomness anywhere: the same input gives the same picture.

mod order;
mod rank;

use rank::{assign_layers, break_cycles};

/// A box in the picture: top-left corner and size, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The horizontal centre.
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether two boxes share any interior point.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}

/// What the layout needs to know.
#[derive(Debug, Clone, Default)]
pub struct LayoutInput {
    /// Width and height of every node.
    pub sizes: Vec<(f64, f64)>,
    /// Directed edges `(from, to)` between node indices.
    pub edges: Vec<(usize, usize)>,
    /// Optional group of each node (empty: none); members are kept adjacent in a layer.
    pub groups: Vec<Option<usize>>,
    /// Vertical space between layers (room for edge labels).
    pub layer_gap: f64,
    /// Horizontal space between neighbouring boxes.
    pub node_gap: f64,
}

/// The route of one edge, from its source to its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Points to pass through, first on the source's border, last on the target's.
    /// Consecutive points are joined by curves with vertical tangents.
    pub points: Vec<(f64, f64)>,
    /// Where its label goes: the middle of its first leg.
    pub label_at: (f64, f64),
    /// An edge from a node to itself: a loop on the node's right side.
    pub self_loop: bool,
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Where each node goes, in the input's order.
    pub nodes: Vec<Rect>,
    /// Layer of each node, 0 at the top.
    pub layers: Vec<usize>,
    /// One route per input edge, in the input's order.
    pub routes: Vec<Route>,
    /// Width of the drawing, in whole pixels; writers add their margins.
    pub width: f64,
    /// Height of the drawing, in whole pixels; writers add their margins.
    pub height: f64,
}

/// Lay out a graph. Edges to unknown nodes must have been filtered by the caller.
pub fn layout(input: &LayoutInput) -> Layout {
    let n = input.sizes.len();
    if n == 0 {
        return Layout {
            nodes: Vec::new(),
            layers: Vec::new(),
            routes: Vec::new(),
            width: 0.0,
            height: 0.0,
        };
    }
    let dag = break_cycles(n, &input.edges);
    let layer = assign_layers(n, &dag);
    let mut g = Layered::new(input, &dag, &layer);
    g.order();
    g.group(&input.groups);
    g.place_x(input.node_gap);
    g.finish(input, &dag)
}

/// The proper layered graph: real nodes plus dummies, every edge one layer long.
struct Layered {
    /// Width of each (real or dummy) node; dummies are narrow.
    width: Vec<f64>,
    layer: Vec<usize>,
    /// Nodes of each layer, in order.
    rows: Vec<Vec<usize>>,
    /// Position of each node within its row.
    pos: Vec<usize>,
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
    x: Vec<f64>,
    /// The chain of nodes each input edge passes through, top to bottom.
    chains: Vec<Vec<usize>>,
    real: usize,
}

const DUMMY_WIDTH: f64 = 6.0;

impl Layered {
    fn new(input: &LayoutInput, dag: &[Option<(usize, usize, bool)>], layer: &[usize]) -> Self {
        let real = input.sizes.len();
        let mut width: Vec<f64> = input.sizes.iter().map(|s| s.0).collect();
        let mut layer = layer.to_vec();
        let mut up = vec![Vec::new(); real];
        let mut down = vec![Vec::new(); real];
        let mut chains = Vec::with_capacity(dag.len());
        for e in dag {
            let Some((a, b, _)) = *e else {
                chains.push(Vec::new());
                continue;
            };
            let mut chain = vec![a];
            let mut prev = a;
            for l in layer[a] + 1..layer[b] {
                let d = width.len();
                width.push(DUMMY_WIDTH);
                layer.push(l);
                up.push(vec![prev]);
                down.push(Vec::new());
                down[prev].push(d);
                chain.push(d);
                prev = d;
            }
            down[prev].push(b);
            up[b].push(prev);
            chain.push(b);
            chains.push(chain);
        }
        let total = width.len();
        let depth = layer.iter().copied().max().unwrap_or(0) + 1;
        let mut rows = vec![Vec::new(); depth];
        // Initial order: depth-first from the top, so chains start out side by side.
        let mut seen = vec![false; total];
        let mut starts: Vec<usize> = (0..total).collect();
        starts.sort_by_key(|&v| (layer[v], v));
        for s in starts {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            let mut stack = vec![s];
            while let Some(v) = stack.pop() {
                rows[layer[v]].push(v);
                for &w in down[v].iter().rev() {
                    if !seen[w] {
                        seen[w] = true;
                        stack.push(w);
                    }
                }
            }
        }
        let mut g = Layered {
            width,
            layer,
            rows,
            pos: vec![0; total],
            up,
            down,
            x: vec![0.0; total],
            chains,
            real,
        };
        g.index();
        g
    }

    fn index(&mut self) {
        for row in &self.rows {
            for (i, &v) in row.iter().enumerate() {
                self.pos[v] = i;
            }
        }
    }

    fn gap(&self, a: usize, b: usize, node_gap: f64) -> f64 {
        let dummies = (a >= self.real) as u8 + (b >= self.real) as u8;
        let space = match dummies {
            0 => node_gap,
            1 => node_gap * 0.5,
            _ => node_gap * 0.25,
        };
        (self.width[a] + self.width[b]) / 2.0 + space
    }

    /// x of every node's centre: packed, then pulled toward the neighbours' mean.
    fn place_x(&mut self, node_gap: f64) {
        for l in 0..self.rows.len() {
            let mut x = 0.0;
            for i in 0..self.rows[l].len() {
                let v = self.rows[l][i];
                if i > 0 {
                    x += self.gap(self.rows[l][i - 1], v, node_gap);
                }
                self.x[v] = x;
            }
        }
        let depth = self.rows.len();
        for round in 0..8 {
            let (from_above, from_below) = match round % 3 {
                0 => (true, false),
                1 => (false, true),
                _ => (true, true),
            };
            let layers: Vec<usize> = if round % 2 == 0 {
                (0..depth).collect()
            } else {
                (0..depth).rev().collect()
            };
            for l in layers {
                self.settle_row(l, from_above, from_below, node_gap);
            }
        }
        let min = (0..self.width.len())
            .map(|v| self.x[v] - self.width[v] / 2.0)
            .fold(f64::INFINITY, f64::min);
        for x in &mut self.x {
            *x -= min;
        }
    }

    /// Move each node of row `l` as close as possible to the mean x of its neighbours,
    /// keeping the order and the gaps: least squares under order constraints (PAV).
    fn settle_row(&mut self, l: usize, from_above: bool, from_below: bool, node_gap: f64) {
        let row = &self.rows[l];
        if row.is_empty() {
            return;
        }
        let mut offset = Vec::with_capacity(row.len());
        let mut acc = 0.0;
        for i in 0..row.len() {
            if i > 0 {
                acc += self.gap(row[i - 1], row[i], node_gap);
            }
            offset.push(acc);
        }
        // Blocks of (weight, weighted sum, length).
        let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(row.len());
        for (i, &v) in row.iter().enumerate() {
            let mut sum = 0.0;
            let mut count = 0.0;
            let mut add = |nb: &[usize]| {
                for &w in nb {
                    // Long edges (dummy to dummy) pull harder: they should run straight.
                    let k = if v >= self.real && w >= self.real {
                        4.0
                    } else {
                        1.0
                    };
                    sum += self.x[w] * k;
                    count += k;
                }
            };
            if from_above {
                add(&self.up[v]);
            }
            if from_below {
                add(&self.down[v]);
            }
            let (desired, weight) = if count > 0.0 {
                (sum / count, 1.0)
            } else {
                (self.x[v], 0.2)
            };
            let z = desired - offset[i];
            blocks.push((weight, weight * z, 1));
            while blocks.len() > 1 {
                let k = blocks.len();
                let (w1, s1, _) = blocks[k - 2];
                let (w2, s2, _) = blocks[k - 1];
                if s1 / w1 <= s2 / w2 {
                    break;
                }
                let Some(last) = blocks.pop() else { break };
                let prev = &mut blocks[k - 2];
                prev.0 += last.0;
                prev.1 += last.1;
                prev.2 += last.2;
            }
        }
        let mut i = 0;
        for (w, s, len) in blocks {
            let y = s / w;
            for _ in 0..len {
                self.x[row[i]] = y + offset[i];
                i += 1;
            }
        }
    }

    /// Rounded boxes, layer bands and edge routes.
    fn finish(&self, input: &LayoutInput, dag: &[Option<(usize, usize, bool)>]) -> Layout {
        let depth = self.rows.len();
        let mut band_h = vec![0.0f64; depth];
        for v in 0..self.real {
            let l = self.layer[v];
            band_h[l] = band_h[l].max(input.sizes[v].1);
        }
        let mut band_top = Vec::with_capacity(depth);
        let mut y = 0.0;
        for h in &band_h {
            band_top.push(y);
            y += h + input.layer_gap;
        }
        let height = (y - input.layer_gap).round();
        let nodes: Vec<Rect> = (0..self.real)
            .map(|v| {
                let (w, h) = input.sizes[v];
                let l = self.layer[v];
                Rect {
                    x: (self.x[v] - w / 2.0).round(),
                    y: (band_top[l] + (band_h[l] - h) / 2.0).round(),
                    w: w.round(),
                    h: h.round(),
                }
            })
            .collect();
        let width = (0..self.width.len())
            .map(|v| self.x[v] + self.width[v] / 2.0)
            .fold(0.0, f64::max)
            .round();
        let ports = self.ports(&nodes);
        let mut routes = Vec::with_capacity(dag.len());
        for (i, e) in dag.iter().enumerate() {
            let Some((_, _, reversed)) = *e else {
                let (a, _) = input.edges[i];
                let r = nodes[a];
                let p = (r.right(), (r.y + r.h * 0.35).round());
                let q = (r.right(), (r.y + r.h * 0.65).round());
                routes.push(Route {
                    points: vec![p, q],
                    label_at: (r.right() + 22.0, (r.y + r.h / 2.0).round()),
                    self_loop: true,
                });
                continue;
            };
            let chain = &self.chains[i];
            let mut points = Vec::with_capacity(chain.len());
            for (k, &v) in chain.iter().enumerate() {
                if k == 0 {
                    points.push((
                        ports.get(&(i, true)).copied().unwrap_or(0.0),
                        nodes[v].bottom(),
                    ));
                } else if k + 1 == chain.len() {
                    points.push((ports.get(&(i, false)).copied().unwrap_or(0.0), nodes[v].y));
                } else {
                    // Through a dummy: straight down across its layer, between the boxes.
                    let l = self.layer[v];
                    let x = self.x[v].round();
                    points.push((x, band_top[l].round()));
                    points.push((x, (band_top[l] + band_h[l]).round()));
                }
            }
            let (p, q) = (points[0], points[1]);
            let label_at = (((p.0 + q.0) / 2.0).round(), ((p.1 + q.1) / 2.0).round());
            if reversed {
                points.reverse();
            }
            routes.push(Route {
                points,
                label_at,
                self_loop: false,
            });
        }
        Layout {
            nodes,
            layers: self.layer[..self.real].to_vec(),
            routes,
            width,
            height,
        }
    }

    /// Where each edge leaves its upper node (`true`) and enters its lower one: spread
    /// across the middle of the box in the order of the other ends, so parallel edges
    /// stay apart.
    fn ports(&self, nodes: &[Rect]) -> std::collections::BTreeMap<(usize, bool), f64> {
        let mut at_bottom: Vec<Vec<(f64, usize)>> = vec![Vec::new(); self.real];
        let mut at_top: Vec<Vec<(f64, usize)>> = vec![Vec::new(); self.real];
        for (i, chain) in self.chains.iter().enumerate() {
            if chain.len() < 2 {
                continue;
            }
            let (first, second) = (chain[0], chain[1]);
            let (last, before) = (chain[chain.len() - 1], chain[chain.len() - 2]);
            at_bottom[first].push((self.x[second], i));
            at_top[last].push((self.x[before], i));
        }
        let mut ports = std::collections::BTreeMap::new();
        for (v, r) in nodes.iter().enumerate() {
            for (side, list) in [(true, &mut at_bottom[v]), (false, &mut at_top[v])] {
                list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let m = list.len() as f64;
                let span = (r.w * if m > 6.0 { 0.85 } else { 0.6 }).min(14.0 * (m - 1.0));
                for (k, &(_, e)) in list.iter().enumerate() {
                    let t = if m > 1.0 {
                        k as f64 / (m - 1.0) - 0.5
                    } else {
                        0.0
                    };
                    ports.insert((e, side), (r.cx() + span * t).round());
                }
            }
        }
        ports
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(n: usize, edges: &[(usize, usize)]) -> LayoutInput {
        LayoutInput {
            sizes: vec![(80.0, 30.0); n],
            edges: edges.to_vec(),
            groups: Vec::new(),
            layer_gap: 50.0,
            node_gap: 20.0,
        }
    }

    #[test]
    fn a_chain_runs_down() {
        let l = layout(&input(3, &[(0, 1), (1, 2)]));
        assert_eq!(l.layers, vec![0, 1, 2]);
        assert!(l.nodes[0].y < l.nodes[1].y && l.nodes[1].y < l.nodes[2].y);
        assert_eq!(l.nodes[0].cx(), l.nodes[2].cx());
    }

    #[test]
    fn cycles_and_self_loops_are_laid_out() {
        let l = layout(&input(3, &[(0, 1), (1, 2), (2, 0), (1, 1)]));
        assert_eq!(l.routes.len(), 4);
        assert!(l.routes[3].self_loop);
        // The back edge still starts at its source and ends at its target.
        let back = &l.routes[2];
        assert_eq!(back.points.first().map(|p| p.1), Some(l.nodes[2].y));
    }

    #[test]
    fn long_edges_bend_through_dummies() {
        let l = layout(&input(4, &[(0, 1), (1, 2), (0, 2), (2, 3)]));
        // Source, the dummy's top and bottom, target.
        assert_eq!(l.routes[2].points.len(), 4);
    }
}
