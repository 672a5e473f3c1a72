import { mount } from '../../common/mount';
import './admin.css';
import { AdminApp } from './admin-app';

mount(<AdminApp />);
