// The pages' plural helper lives in utils (the background's notifications use it too).
export { counted, isSingular } from '../utils/plural';
