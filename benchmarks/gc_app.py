"""The floor app with torch loaded: measures what Streamlit's post-run gc.collect() costs."""

import streamlit as st
import torch

model = st.cache_resource(lambda: torch.nn.Sequential(*[torch.nn.Linear(64, 64) for _ in range(50)]))()
value = st.slider("Value", 0, 100, 50, key="floor-slider")
st.write(f"The value is {value}; the model has {sum(p.numel() for p in model.parameters())} weights")
