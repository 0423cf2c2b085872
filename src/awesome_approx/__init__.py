"""awesome-approx: the list 'Approximate Computing in Deep Neural Networks' as data, and its tooling."""

__version__ = "0.1.0"
