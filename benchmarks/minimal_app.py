"""The floor: the smallest Streamlit app that answers a slider. Every page is compared to it."""

import streamlit as st

value = st.slider("Value", 0, 100, 50, key="floor-slider")
st.write(f"The value is {value}")
