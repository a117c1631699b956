"""Norms as modern model code builds them: hover a norm_layer(...) call or an RMSNorm(...) construction."""
from typing import Callable, Optional

import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        return x * self.weight


class Bottleneck(nn.Module):
    def __init__(self, planes: int, norm_layer: Optional[Callable[..., nn.Module]] = None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        self.conv = nn.Conv2d(planes, planes, kernel_size=3, padding=1, bias=False)
        self.bn1 = norm_layer(planes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.bn1(self.conv(x)))


class Decoder(nn.Module):
    def __init__(self, dim: int = 512, norm_eps: float = 1e-5):
        super().__init__()
        self.norm = RMSNorm(dim, eps=norm_eps)
        self.head_norm = nn.LayerNorm(dim, eps=1e-6)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return self.head_norm(self.norm(h))
