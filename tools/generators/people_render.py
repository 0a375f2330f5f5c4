"""A tiny z-buffer renderer for stylised people: shaded capsules and ellipsoids.

Camera space: x right, y down (image pixels of the final image), z towards the viewer (larger
= nearer). The raster is supersampled SS times; every primitive writes colour, depth and its
owner (person index, or -2 for scenery objects) so visibility and masks come from the same
pixels that are drawn.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

SS = 3
LIGHT = np.array([-0.45, -0.7, 0.8], np.float32)
LIGHT /= np.linalg.norm(LIGHT)
OBJECT = -2
RGB = tuple[int, int, int]


def _shade(normal_dot: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Lambert shading with a warm ambient term; returns colours for the given n·L."""
    intensity = 0.52 + 0.58 * np.clip(normal_dot, 0, 1)
    return np.clip(base[None, :] * intensity[:, None], 0, 255)


class Raster:
    """Supersampled colour / depth / owner buffers for one picture."""

    def __init__(self, background: Image.Image) -> None:
        self.width, self.height = background.size
        bg = background.convert("RGB").resize((self.width * SS, self.height * SS), Image.Resampling.NEAREST)
        self.color = np.asarray(bg, dtype=np.float32).copy()
        self.depth = np.full((self.height * SS, self.width * SS), -np.inf, np.float32)
        self.owner = np.full((self.height * SS, self.width * SS), -1, np.int16)

    # -- helpers ---------------------------------------------------------------------

    def _window(self, x0: float, y0: float, x1: float, y1: float):
        """Supersample index window covering the final-pixel rectangle, with pixel centres."""
        H, W = self.depth.shape
        i0 = max(0, int(np.floor(y0 * SS)))
        i1 = min(H, int(np.ceil(y1 * SS)) + 1)
        j0 = max(0, int(np.floor(x0 * SS)))
        j1 = min(W, int(np.ceil(x1 * SS)) + 1)
        if i0 >= i1 or j0 >= j1:
            return None
        ys = (np.arange(i0, i1, dtype=np.float32) + 0.5) / SS
        xs = (np.arange(j0, j1, dtype=np.float32) + 0.5) / SS
        return i0, i1, j0, j1, xs[None, :], ys[:, None]

    def _write(self, win, inside: np.ndarray, z: np.ndarray, rgb: np.ndarray, owner: int) -> None:
        """Depth-tested write; rgb holds one colour per `inside` pixel (row-major order)."""
        i0, i1, j0, j1 = win[:4]
        dep = self.depth[i0:i1, j0:j1]
        upd = inside & (z > dep)
        if not upd.any():
            return
        full = np.zeros(inside.shape + (3,), np.float32)
        full[inside] = rgb
        dep[upd] = z[upd]
        self.owner[i0:i1, j0:j1][upd] = owner
        self.color[i0:i1, j0:j1][upd] = full[upd]

    # -- primitives ------------------------------------------------------------------

    def capsule(
        self,
        a: np.ndarray,
        b: np.ndarray,
        ra: float,
        rb: float,
        color: RGB,
        owner: int,
        color_b: RGB | None = None,
        split: float = 1.0,
    ) -> None:
        """A tapered capsule from a to b (3-D camera points); colour switches to color_b past split."""
        r = max(ra, rb)
        win = self._window(min(a[0], b[0]) - r, min(a[1], b[1]) - r, max(a[0], b[0]) + r, max(a[1], b[1]) + r)
        if win is None:
            return
        xs, ys = win[4], win[5]
        ab = b[:2] - a[:2]
        len2 = float(ab @ ab)
        px = xs - a[0]
        py = ys - a[1]
        t = np.clip((px * ab[0] + py * ab[1]) / len2, 0, 1) if len2 > 1e-9 else np.zeros_like(px * py)
        ox = px - t * ab[0]
        oy = py - t * ab[1]
        rad = ra + (rb - ra) * t
        d2 = ox * ox + oy * oy
        inside = d2 < rad * rad
        if not inside.any():
            return
        nz = np.sqrt(np.clip(1 - d2 / (rad * rad), 0, 1))
        z = a[2] + t * (b[2] - a[2]) + nz * rad
        ndot = (ox / rad) * LIGHT[0] + (oy / rad) * LIGHT[1] + nz * LIGHT[2]
        base = np.where((t > split)[..., None], np.asarray(color_b or color, np.float32), np.asarray(color, np.float32))
        rgb = np.clip(base[inside] * (0.52 + 0.58 * np.clip(ndot[inside], 0, 1))[:, None], 0, 255)
        self._write(win, inside, z, rgb, owner)

    def ellipsoid(
        self,
        centre: np.ndarray,
        axes: np.ndarray,
        radii: tuple[float, float, float],
        color: RGB,
        owner: int,
        keep=None,
    ) -> None:
        """An ellipsoid (axes: 3 unit row vectors in camera space); keep(local xyz) clips it."""
        axes = np.asarray(axes, np.float64)
        rr = np.asarray(radii, np.float64)
        m = (axes.T / rr**2) @ axes
        minv = (axes.T * rr**2) @ axes
        ex, ey = np.sqrt(minv[0, 0]), np.sqrt(minv[1, 1])
        win = self._window(centre[0] - ex, centre[1] - ey, centre[0] + ex, centre[1] + ey)
        if win is None:
            return
        dx = (win[4] - centre[0]).astype(np.float64)
        dy = (win[5] - centre[1]).astype(np.float64)
        qa = m[2, 2]
        qb = 2 * (m[0, 2] * dx + m[1, 2] * dy)
        qc = m[0, 0] * dx * dx + 2 * m[0, 1] * dx * dy + m[1, 1] * dy * dy - 1
        disc = qb * qb - 4 * qa * qc
        inside = disc >= 0
        if not inside.any():
            return
        dz = (-qb + np.sqrt(np.clip(disc, 0, None))) / (2 * qa)
        dx, dy = np.broadcast_arrays(dx, dy)
        if keep is not None:
            local = [axes[k, 0] * dx + axes[k, 1] * dy + axes[k, 2] * dz for k in range(3)]
            inside &= keep(local[0], local[1], local[2])
            if not inside.any():
                return
        nx = m[0, 0] * dx + m[0, 1] * dy + m[0, 2] * dz
        ny = m[1, 0] * dx + m[1, 1] * dy + m[1, 2] * dz
        nzz = m[2, 0] * dx + m[2, 1] * dy + m[2, 2] * dz
        norm = np.sqrt(nx * nx + ny * ny + nzz * nzz) + 1e-12
        ndot = (nx * LIGHT[0] + ny * LIGHT[1] + nzz * LIGHT[2]) / norm
        rgb = _shade(ndot[inside].astype(np.float32), np.asarray(color, np.float32))
        self._write(win, inside, (centre[2] + dz).astype(np.float32), rgb, owner)

    def flat(self, layer: Image.Image, owner: int = OBJECT, depth: float = 1e9) -> None:
        """Composite a supersampled RGBA layer (scenery in front of everyone)."""
        arr = np.asarray(layer, dtype=np.float32)
        inside = arr[..., 3] >= 128
        self.color[inside] = arr[..., :3][inside]
        self.depth[inside] = depth
        self.owner[inside] = owner

    # -- queries ---------------------------------------------------------------------

    def depth_at(self, x: float, y: float) -> float:
        """Front-most depth at a final-image point."""
        i = min(max(int(y * SS), 0), self.depth.shape[0] - 1)
        j = min(max(int(x * SS), 0), self.depth.shape[1] - 1)
        return float(self.depth[i, j])

    def owner_at(self, x: float, y: float) -> int:
        """Owner of the front-most surface at a final-image point."""
        i = min(max(int(y * SS), 0), self.depth.shape[0] - 1)
        j = min(max(int(x * SS), 0), self.depth.shape[1] - 1)
        return int(self.owner[i, j])

    def mask(self, owner: int) -> np.ndarray:
        """Final-resolution mask of pixels at least half covered by this owner."""
        hit = (self.owner == owner).astype(np.float32)
        cover = hit.reshape(self.height, SS, self.width, SS).mean(axis=(1, 3))
        return cover >= 0.5

    def outline(self, jump: float = 5.0, factor: float = 0.55) -> None:
        """Darken supersamples where depth jumps (silhouettes, limbs crossing): an ink outline."""
        d = np.where(np.isfinite(self.depth), self.depth, -1e7)
        edge = np.zeros(d.shape, bool)
        for axis in (0, 1):
            diff = np.diff(d, axis=axis)
            near = np.abs(diff) > jump
            # mark the nearer (front) side of each jump, where a person is drawn
            front_first = near & (diff < 0)
            front_second = near & (diff > 0)
            if axis == 0:
                edge[:-1][front_first] = True
                edge[1:][front_second] = True
            else:
                edge[:, :-1][front_first] = True
                edge[:, 1:][front_second] = True
        edge &= self.owner >= 0
        self.color[edge] *= factor

    def image(self) -> Image.Image:
        """The anti-aliased final picture."""
        c = self.color.reshape(self.height, SS, self.width, SS, 3).mean(axis=(1, 3))
        return Image.fromarray(np.clip(c + 0.5, 0, 255).astype(np.uint8), "RGB")
