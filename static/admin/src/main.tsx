import { mount } from '../../common/mount';
import '../../common/cards-tables.css';
import './admin.css';
import { AdminApp } from './admin-app';

mount(<AdminApp />);
