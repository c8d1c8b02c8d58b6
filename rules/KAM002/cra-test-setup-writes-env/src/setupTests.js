// jest-dom adds custom jest matchers for asserting on DOM nodes.
import '@testing-library/jest-dom';

process.env.REACT_APP_KAMAN_API_KEY = 'kam_example_key';
